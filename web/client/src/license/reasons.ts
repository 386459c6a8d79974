/**
 * What a refused licence's `LICENSE.*` reason code means for the people using the deployment, in words,
 * and what each of them can do about it: admins and owners paste a renewed key, everyone else asks them.
 * Codes the licence service adds later fall back to a general sentence (the code is always shown too).
 */

export interface ReasonText {
  /** A short headline, e.g. "The licence has expired". */
  title: string;
  /** One sentence on what happened. */
  explanation: string;
}

const reasons: Record<string, ReasonText> = {
  'LICENSE.EXPIRED': {
    title: 'The licence has expired',
    explanation: 'The licence expired and its grace period has ended.',
  },
  'LICENSE.REVOKED': {
    title: 'The licence was revoked',
    explanation: 'The vendor revoked this licence.',
  },
  'LICENSE.KEY_SUPERSEDED': {
    title: 'A newer licence key exists',
    explanation: 'The installed key was replaced by a renewed key that has not been installed here yet.',
  },
  'LICENSE.SUSPENDED': {
    title: 'The licence is suspended',
    explanation: 'The vendor suspended this licence for now.',
  },
  'LICENSE.DEPLOYMENT_DEACTIVATED': {
    title: 'This deployment was deactivated',
    explanation: 'The vendor deactivated this deployment on the licence.',
  },
  'LICENSE.DEPLOYMENT_LIMIT': {
    title: 'Too many deployments',
    explanation: 'The licence is already active on as many deployments as it allows.',
  },
  'LICENSE.DEPLOYMENT_MISMATCH': {
    title: 'The key belongs to another deployment',
    explanation: 'The licence was activated for a different deployment.',
  },
  'LICENSE.DEPLOYMENT_NOT_ACTIVE': {
    title: 'This deployment is not active on the licence',
    explanation: 'The vendor has no activation of this deployment on the licence.',
  },
  'LICENSE.CREDENTIAL_INVALID': {
    title: 'The deployment credential was refused',
    explanation: "The vendor did not accept this deployment's credential.",
  },
  'LICENSE.SIGNATURE_INVALID': {
    title: 'The licence key is not genuine',
    explanation:
      "The key's signature does not match: it was changed after it was issued, or is not a vendor key.",
  },
  'LICENSE.UNKNOWN_KEY_ID': {
    title: 'The licence key is signed with an unknown key',
    explanation: 'The key was signed with a signing key this deployment does not trust.',
  },
  'LICENSE.ALGORITHM_UNSUPPORTED': {
    title: 'The licence key is not genuine',
    explanation: 'The key uses a signature algorithm the deployment does not accept.',
  },
  'LICENSE.KEY_MALFORMED': {
    title: 'The licence key is unreadable',
    explanation: 'The installed text is not a licence key (check that it was copied whole).',
  },
  'LICENSE.KEY_OVERSIZED': {
    title: 'The licence key is unreadable',
    explanation: 'The installed text is far longer than a licence key.',
  },
  'LICENSE.KEY_TOO_LARGE': {
    title: 'The licence key is unreadable',
    explanation: 'The installed text is far longer than a licence key.',
  },
  'LICENSE.CLAIMS_INVALID': {
    title: 'The licence key is unreadable',
    explanation: 'The key is signed but its contents are not a valid licence.',
  },
  'LICENSE.TENANT_MISMATCH': {
    title: 'The licence is for another organisation',
    explanation: "The installed key was issued to a different tenant than this deployment's.",
  },
  'LICENSE.NOT_YET_VALID': {
    title: 'The licence is not valid yet',
    explanation: 'The licence starts at a later date.',
  },
  'LICENSE.CLOCK_ROLLBACK': {
    title: "The server's clock was turned back",
    explanation:
      'This deployment has already seen a later time than its clock shows now, so it cannot trust the date.',
  },
  'LICENSE.KEY_MISSING': {
    title: 'No licence key is installed',
    explanation: 'The deployment has no licence key in its key vault.',
  },
};

/** The words for a reason code; unknown codes get a general sentence. */
export function reasonText(code: string | undefined): ReasonText {
  return (
    (code && reasons[code]) || {
      title: 'The licence is refused',
      explanation: 'The deployment refuses to serve data under the current licence.',
    }
  );
}

/**
 * What the signed-in user can do: an admin or owner installs a renewed key (or, for a rolled-back
 * clock, fixes the server's time); others ask their administrator.
 */
export function whatToDo(code: string | undefined, canManageKey: boolean): string {
  if (code === 'LICENSE.CLOCK_ROLLBACK')
    return canManageKey
      ? "Correct the server's date and time; if it was right, contact the vendor's support."
      : "Ask your administrator to correct the server's date and time.";
  return canManageKey
    ? 'Paste a renewed licence key on the Licence page, or contact the vendor for one.'
    : 'Ask your administrator (a tenant admin or owner) to install a renewed licence key.';
}

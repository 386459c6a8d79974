/**
 * Deployments: activation with a licence key (a deployment credential given once, only its hash stored;
 * see shared/contracts/deployment-credential.ts), deactivation, and online validation. Every refusal
 * happens before anything is written.
 */
import type { DeploymentCredential } from '@kpi/shared/contracts/deployment-credential';
import type { ValidationResponse } from '@kpi/shared/contracts/license';
import {
  checkDeploymentSecret,
  issueDeploymentCredential,
} from '@kpi/shared/domain/deployment-credential/credential';
import type { LicenseClaims } from '@kpi/shared/domain/license/claims';
import { DAY_MS, daysUntil, nextChangeAt, statusAt } from '@kpi/shared/domain/license/license';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import { isPreconditionFailed } from '@kpi/shared/platform/cosmos/conditions';
import type { Versioned } from '@kpi/shared/platform/cosmos/tenant-repository';
import { systemScope, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { AppError, conflict, isAppError, notFound } from '@kpi/shared/platform/errors';
import { historyEntry, type LicenseDeps } from './license-core';
import type { LicenseDocument } from './license-documents';
import { findLicense } from './manage-licenses';

/** How often a deployment validates online at the latest. */
export const CHECK_INTERVAL_MS = DAY_MS;

/**
 * A validation is recorded on the deployment's slot (`lastValidatedAt`) only when the stored time is older
 * than this. Every deployment validates on a timer, and writing the licence document on each validation
 * would add a replace to what are otherwise two point reads, roughly doubling the endpoint's cost (and
 * contending with other writers of the document for nothing). "Last validation" is shown to people, for whom
 * a quarter of an hour of staleness is no loss.
 */
export const VALIDATION_RECORD_INTERVAL_MS = 15 * 60_000;

const refused = (code: string, message: string, status = 403) => new AppError(code, message, status);

/** Verifies the key with our own public keys; the tenant scope comes from the verified claims. */
function verifyKey(
  deps: LicenseDeps,
  key: string,
  now: Date,
): { claims: LicenseClaims; mode: 'full' | 'grace'; scope: TenantScope } {
  const verdict = deps.verifier.verify(key, { now });
  if (verdict.kind === 'refuse') throw refused(verdict.reason, verdict.message);
  // The tenant comes from a key whose signature we just verified: data this service signed.
  return {
    claims: verdict.claims,
    mode: verdict.kind,
    scope: systemScope(verdict.claims.tenantId, 'verified licence key'),
  };
}

const missingLicense = () => refused('LICENSE.UNKNOWN', 'The licence of this key does not exist');

/** Verifies the key and loads its licence. */
async function licenseOfKey(
  deps: LicenseDeps,
  key: string,
  now: Date,
): Promise<{
  claims: LicenseClaims;
  mode: 'full' | 'grace';
  found: Versioned<LicenseDocument>;
  scope: TenantScope;
}> {
  const verified = verifyKey(deps, key, now);
  const found = await deps.store.get(verified.scope, verified.claims.sub);
  if (!found) throw missingLicense();
  return { ...verified, found };
}

/** Refuses revoked and suspended licences and superseded keys. */
function checkUsable(doc: LicenseDocument, claims: LicenseClaims, now: Date): void {
  const status = statusAt(doc, now);
  if (status === 'revoked') throw refused('LICENSE.REVOKED', 'The licence was revoked');
  if (status === 'suspended')
    throw refused('LICENSE.SUSPENDED', 'The licence is suspended: its grace period ended');
  if (claims.jti !== doc.keyId)
    throw refused('LICENSE.KEY_SUPERSEDED', 'A newer key replaced this licence key');
}

/** Activates a deployment in one of `maxDeployments` slots; the credential token is returned once. */
export async function activateDeployment(
  deps: LicenseDeps,
  key: string,
  deploymentId: string,
): Promise<{
  licenseId: string;
  tenantId: string;
  deploymentId: string;
  credentialId: string;
  credential: string;
}> {
  for (let attempt = 0; ; attempt++) {
    const now = deps.clock();
    const { claims, found, scope } = await licenseOfKey(deps, key, now);
    const doc = found.item;
    checkUsable(doc, claims, now);
    if (doc.activeDeployments.some((d) => d.deploymentId === deploymentId)) {
      throw conflict(
        'LICENSE.ALREADY_ACTIVATED',
        'This deployment is active already; deactivate it to activate again',
      );
    }
    if (doc.activeDeployments.length >= doc.maxDeployments) {
      throw conflict(
        'LICENSE.DEPLOYMENT_LIMIT',
        `All ${doc.maxDeployments} deployments of this licence are in use`,
      );
    }
    const { record, token } = issueDeploymentCredential({
      deploymentId,
      tenantId: doc.tenantId,
      now,
      licenseId: doc.id,
    });
    try {
      // The licence document is the source of truth for active slots; `ifMatch` makes racing activations
      // take one slot each, never the same last one. A credential without a slot is worthless.
      const slot = { deploymentId, activationId: record.id, activatedAt: now.toISOString() };
      await deps.store.replace(
        scope,
        { ...doc, activeDeployments: [...doc.activeDeployments, slot], updatedAt: now.toISOString() },
        found.etag,
      );
    } catch (err) {
      if (isPreconditionFailed(err) && attempt < 3) continue;
      throw err;
    }
    await deps.store.createCredential(record);
    await deps.store.addHistory(
      scope,
      historyEntry(deps, doc, 'activated', `deployment:${deploymentId}`, now, { deploymentId }),
    );
    return {
      licenseId: doc.id,
      tenantId: doc.tenantId,
      deploymentId,
      credentialId: record.id,
      credential: token,
    };
  }
}

/** Frees a deployment's slot; its credential is revoked for good. */
export async function deactivateDeployment(
  deps: LicenseDeps,
  caller: Caller,
  licenseId: string,
  deploymentId: string,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const now = deps.clock();
    const { found, scope } = await findLicense(deps, caller, licenseId);
    const slot = found.item.activeDeployments.find((d) => d.deploymentId === deploymentId);
    if (!slot) throw notFound('LICENSE.DEPLOYMENT_NOT_ACTIVE', `Deployment ${deploymentId} is not active`);
    // Revoke first: other services (monitoring) accept the credential on its record alone, so a crash
    // between the two writes must leave a dead credential in a slot, never a live one without a slot.
    const credential = await deps.store.getCredential(slot.activationId);
    if (credential && !credential.revokedAt) {
      await deps.store.replaceCredential({ ...credential, revokedAt: now.toISOString() });
    }
    try {
      const remaining = found.item.activeDeployments.filter((d) => d.activationId !== slot.activationId);
      await deps.store.replace(
        scope,
        { ...found.item, activeDeployments: remaining, updatedAt: now.toISOString() },
        found.etag,
      );
    } catch (err) {
      if (isPreconditionFailed(err) && attempt < 3) continue;
      throw err;
    }
    await deps.store.addHistory(
      scope,
      historyEntry(deps, found.item, 'deactivated', caller.email, now, { deploymentId }),
    );
    return;
  }
}

/**
 * Reissues an active deployment's credential, authenticated with its current one: the new record is stored
 * first, then the slot moves to it (`ifMatch`), then the presented one is revoked, so there is never a
 * moment without a valid credential. A crash before the slot moves leaves an unused record no one holds the
 * secret of; a lost race revokes that record and starts again. Refused like a validation when the
 * credential is unknown, revoked or another deployment's, and when the licence is revoked or suspended.
 */
export async function rotateDeploymentCredential(
  deps: LicenseDeps,
  deploymentId: string,
  presented: { credentialId: string; secret: string } | undefined,
): Promise<{
  licenseId: string;
  tenantId: string;
  deploymentId: string;
  credentialId: string;
  credential: string;
  previousCredentialId: string;
}> {
  for (let attempt = 0; ; attempt++) {
    const now = deps.clock();
    const record = presented ? await deps.store.getCredential(presented.credentialId) : undefined;
    if (!record?.licenseId) {
      throw refused('LICENSE.CREDENTIAL_INVALID', 'The deployment credential is not valid', 401);
    }
    // The tenant comes from the stored record of a credential checked just below.
    const scope = systemScope(record.tenantId, 'deployment credential record');
    const found = await deps.store.get(scope, record.licenseId);
    if (!found) throw missingLicense();
    const doc = found.item;
    authenticateDeployment(doc, deploymentId, presented, record, now);
    const status = statusAt(doc, now);
    if (status === 'revoked') throw refused('LICENSE.REVOKED', 'The licence was revoked');
    if (status === 'suspended')
      throw refused('LICENSE.SUSPENDED', 'The licence is suspended: its grace period ended');
    const next = issueDeploymentCredential({ deploymentId, tenantId: doc.tenantId, now, licenseId: doc.id });
    await deps.store.createCredential(next.record);
    try {
      const activeDeployments = doc.activeDeployments.map((d) =>
        d.activationId === record.id ? { ...d, activationId: next.record.id } : d,
      );
      await deps.store.replace(scope, { ...doc, activeDeployments }, found.etag);
    } catch (err) {
      await deps.store.replaceCredential({ ...next.record, revokedAt: now.toISOString() });
      if (isPreconditionFailed(err) && attempt < 3) continue;
      throw err;
    }
    await deps.store.replaceCredential({ ...record, revokedAt: now.toISOString() });
    await deps.store.addHistory(
      scope,
      historyEntry(deps, doc, 'credential-rotated', `deployment:${deploymentId}`, now, {
        deploymentId,
        credentialId: next.record.id,
        previousCredentialId: record.id,
      }),
    );
    return {
      licenseId: doc.id,
      tenantId: doc.tenantId,
      deploymentId,
      credentialId: next.record.id,
      credential: next.token,
      previousCredentialId: record.id,
    };
  }
}

/** Checks a presented credential against its stored record (hash) and the licence's active slots. */
function authenticateDeployment(
  doc: LicenseDocument,
  deploymentId: string,
  presented: { credentialId: string; secret: string } | undefined,
  record: DeploymentCredential | undefined,
  now: Date,
): void {
  const invalid = () => refused('LICENSE.CREDENTIAL_INVALID', 'The deployment credential is not valid', 401);
  if (!presented || !record) throw invalid();
  const check = checkDeploymentSecret(record, presented.secret, now);
  if (check === 'mismatch' || check === 'expired') throw invalid();
  if (
    record.tenantId !== doc.tenantId ||
    record.licenseId !== doc.id ||
    record.deploymentId !== deploymentId
  ) {
    throw refused('LICENSE.DEPLOYMENT_MISMATCH', 'The credential belongs to another deployment or licence');
  }
  const active = doc.activeDeployments.some((d) => d.activationId === record.id);
  if (check === 'revoked' || !active) {
    throw refused('LICENSE.DEPLOYMENT_DEACTIVATED', 'This deployment was deactivated', 401);
  }
}

/**
 * Writes `lastValidatedAt` on the validating deployment's slot, throttled by `VALIDATION_RECORD_INTERVAL_MS`,
 * with the document's etag so no other change is overwritten. A lost race is not retried: whoever changed
 * the document meanwhile was either another deployment recording a validation at the same moment or a
 * change this record is not worth re-reading for; the next validation after the interval records it. Never
 * fails the validation: the record is bookkeeping, the answer is what the deployment needs.
 */
async function recordValidation(
  deps: LicenseDeps,
  scope: TenantScope,
  found: Versioned<LicenseDocument>,
  activationId: string,
  now: Date,
): Promise<void> {
  const doc = found.item;
  const slot = doc.activeDeployments.find((d) => d.activationId === activationId);
  if (!slot) return;
  const last = slot.lastValidatedAt ? Date.parse(slot.lastValidatedAt) : Number.NEGATIVE_INFINITY;
  if (now.getTime() - last < VALIDATION_RECORD_INTERVAL_MS) return;
  const activeDeployments = doc.activeDeployments.map((d) =>
    d.activationId === activationId ? { ...d, lastValidatedAt: now.toISOString() } : d,
  );
  try {
    // `updatedAt` stays: the licence's terms did not change, only the record of a check.
    await deps.store.replace(scope, { ...doc, activeDeployments }, found.etag);
  } catch (err) {
    if (isPreconditionFailed(err)) return;
    deps.log.warn('validation not recorded', {
      licenseId: doc.id,
      deploymentId: slot.deploymentId,
      code: isAppError(err) ? err.code : undefined,
      error: String(err),
    });
  }
}

/** Online validation: key, credential and licence state; says when to check again. */
export async function validateDeployment(
  deps: LicenseDeps,
  request: {
    key: string;
    deploymentId: string;
    credential: { credentialId: string; secret: string } | undefined;
  },
): Promise<ValidationResponse> {
  const now = deps.clock();
  const { claims, mode, scope } = verifyKey(deps, request.key, now);
  // Two independent point reads, in parallel: this is the hot path of every deployment.
  const [found, record] = await Promise.all([
    deps.store.get(scope, claims.sub),
    request.credential ? deps.store.getCredential(request.credential.credentialId) : undefined,
  ]);
  if (!found) throw missingLicense();
  const doc = found.item;
  authenticateDeployment(doc, request.deploymentId, request.credential, record, now);
  checkUsable(doc, claims, now);
  // authenticateDeployment proved `record` is one of the active slots.
  if (record) await recordValidation(deps, scope, found, record.id, now);
  const change = nextChangeAt(doc, now)?.getTime() ?? Number.POSITIVE_INFINITY;
  return {
    licenseId: doc.id,
    status: statusAt(doc, now),
    mode,
    daysLeft: daysUntil(now, doc.expiresAt),
    kpiIds: doc.kpiIds,
    edition: doc.edition,
    features: doc.features,
    serverTime: now.toISOString(),
    checkAgainAt: new Date(Math.min(now.getTime() + CHECK_INTERVAL_MS, change)).toISOString(),
  };
}

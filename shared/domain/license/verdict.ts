/**
 * What a deployment may do with a licence key at a given time, decided offline from verified claims.
 * Pure: the caller supplies `now` and the last time it saw (clock roll-back detection), and persists the
 * new last-seen time itself (see `LastSeenStore`).
 */
import type { LicenseClaims } from './claims';
import { DAY_MS } from './license';

/** Why a key was refused. Each check has its own code, so the client can say exactly what is wrong. */
export const REFUSE_REASONS = [
  'LICENSE.KEY_OVERSIZED',
  'LICENSE.KEY_MALFORMED',
  'LICENSE.ALGORITHM_UNSUPPORTED',
  'LICENSE.UNKNOWN_KEY_ID',
  'LICENSE.SIGNATURE_INVALID',
  'LICENSE.CLAIMS_INVALID',
  'LICENSE.TENANT_MISMATCH',
  'LICENSE.CLOCK_ROLLBACK',
  'LICENSE.NOT_YET_VALID',
  'LICENSE.EXPIRED',
] as const;
export type RefuseReason = (typeof REFUSE_REASONS)[number];

/** The outcome of an offline check. */
export type LicenseVerdict =
  | { kind: 'full'; claims: LicenseClaims; daysLeft: number }
  | { kind: 'grace'; claims: LicenseClaims; graceDaysLeft: number }
  | { kind: 'refuse'; reason: RefuseReason; message: string };

/** Where the caller keeps the latest time it has seen (a file, local storage, a table row). */
export interface LastSeenStore {
  read(): Promise<Date | undefined>;
  write(time: Date): Promise<void>;
}

export interface VerdictOptions {
  now: Date;
  /** The latest time this installation saw before (from `LastSeenStore`). */
  lastSeen?: Date;
  /** The tenant this installation belongs to, when it knows it. */
  expectedTenantId?: string;
  /** Clock skew tolerated in every time comparison. Default 5 minutes. */
  toleranceMs?: number;
}

export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

const refuse = (reason: RefuseReason, message: string): LicenseVerdict => ({
  kind: 'refuse',
  reason,
  message,
});

/** Decides from claims whose signature was verified. */
export function decide(claims: LicenseClaims, options: VerdictOptions): LicenseVerdict {
  const now = options.now.getTime();
  const tolerance = options.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  if (options.expectedTenantId !== undefined && claims.tenantId !== options.expectedTenantId) {
    return refuse('LICENSE.TENANT_MISMATCH', `The key belongs to tenant ${claims.tenantId}`);
  }
  // The clock went back if it is now earlier than a time already seen here, or than the key's own
  // issue time (a key cannot have been signed in this machine's future).
  if (options.lastSeen && now < options.lastSeen.getTime() - tolerance) {
    return refuse(
      'LICENSE.CLOCK_ROLLBACK',
      `The clock is behind a time already seen (${options.lastSeen.toISOString()})`,
    );
  }
  if (now < claims.iat * 1000 - tolerance) {
    return refuse('LICENSE.CLOCK_ROLLBACK', 'The clock is earlier than the time the key was issued');
  }
  if (now < claims.nbf * 1000 - tolerance) {
    return refuse(
      'LICENSE.NOT_YET_VALID',
      `The key is valid from ${new Date(claims.nbf * 1000).toISOString()}`,
    );
  }
  const exp = claims.exp * 1000;
  const graceEnd = exp + claims.graceDays * DAY_MS;
  if (now >= graceEnd) {
    return refuse(
      'LICENSE.EXPIRED',
      `The key expired on ${new Date(exp).toISOString()} and its grace period ended`,
    );
  }
  if (now >= exp) return { kind: 'grace', claims, graceDaysLeft: Math.ceil((graceEnd - now) / DAY_MS) };
  return { kind: 'full', claims, daysLeft: Math.ceil((exp - now) / DAY_MS) };
}

/** True when the verdict lets the deployment show `kpiId`. */
export function isEntitled(verdict: LicenseVerdict, kpiId: string): boolean {
  return verdict.kind !== 'refuse' && verdict.claims.kpiIds.includes(kpiId);
}

/** True when the verdict grants `feature`. */
export function hasFeature(verdict: LicenseVerdict, feature: string): boolean {
  return verdict.kind !== 'refuse' && verdict.claims.features.includes(feature);
}

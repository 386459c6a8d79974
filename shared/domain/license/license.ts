/**
 * The licence model and its status machine. Pure: no I/O, no clock; every function takes `now`.
 *
 * Status over time: active → expiring (≤ 90 days left) → expired (past expiry, within grace) →
 * suspended (after grace). `revoked` can happen at any time and is final.
 */

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** Days before expiry at which a licence becomes `expiring` (also the first reminder milestone). */
export const EXPIRING_WITHIN_DAYS = 90;

/** Reminder milestones, in days before expiry, largest first. */
export const MILESTONES = [90, 60, 30, 7] as const;
export type Milestone = (typeof MILESTONES)[number];

export const LICENSE_STATUSES = ['active', 'expiring', 'expired', 'suspended', 'revoked'] as const;
export type LicenseStatus = (typeof LICENSE_STATUSES)[number];

/** Editions sold; features are free-form flags within an edition. */
export const EDITIONS = ['standard', 'professional', 'enterprise'] as const;
export type Edition = (typeof EDITIONS)[number];

/** The time-related facts of a licence, all the status machine needs. Times are ISO 8601 UTC strings. */
export interface LicenseTerm {
  notBefore: string;
  expiresAt: string;
  /** Days after `expiresAt` during which the licence still works, in `expired` status. */
  graceDays: number;
  /** Set when revoked; revocation is final. */
  revokedAt?: string;
}

/** A licence as the licence service keeps it. */
export interface License extends LicenseTerm {
  id: string;
  tenantId: string;
  configurationId: string;
  /** KPI ids the tenant is entitled to (the configuration's selection). */
  kpiIds: string[];
  edition: Edition;
  features: string[];
  maxDeployments: number;
  /** Who receives renewal reminders. */
  contacts: string[];
  issuedAt: string;
  /** The status as last stored (the sweep and API writes keep it current; `statusAt` is authoritative). */
  status: LicenseStatus;
  /** Milestones already announced for the current `expiresAt`. */
  milestonesSent: Milestone[];
}

const ms = (iso: string): number => Date.parse(iso);

/** Whole days from `now` until `iso`, rounded up (1 ms left is 1 day; negative once past). */
export function daysUntil(now: Date, iso: string): number {
  return Math.ceil((ms(iso) - now.getTime()) / DAY_MS);
}

/** The moment the grace period ends. */
export function graceEndsAt(term: LicenseTerm): Date {
  return new Date(ms(term.expiresAt) + term.graceDays * DAY_MS);
}

/** The status of a licence at `now`. */
export function statusAt(term: LicenseTerm, now: Date): LicenseStatus {
  if (term.revokedAt !== undefined) return 'revoked';
  const t = now.getTime();
  const expires = ms(term.expiresAt);
  if (t < expires) return expires - t <= EXPIRING_WITHIN_DAYS * DAY_MS ? 'expiring' : 'active';
  return t < graceEndsAt(term).getTime() ? 'expired' : 'suspended';
}

/** True when the licence lets a deployment run at `now` (fully or in grace), ignoring `notBefore`. */
export function isUsable(status: LicenseStatus): boolean {
  return status === 'active' || status === 'expiring' || status === 'expired';
}

/**
 * The milestone to announce at `now`: the smallest milestone already reached (so a licence issued with 45
 * days left announces 60, not 90 and 60), or undefined when it was sent already, none is reached yet, or
 * the licence is past expiry or revoked.
 */
export function dueMilestone(
  term: LicenseTerm,
  sent: readonly Milestone[],
  now: Date,
): Milestone | undefined {
  if (statusAt(term, now) !== 'expiring') return undefined;
  const left = ms(term.expiresAt) - now.getTime();
  let reached: Milestone | undefined;
  for (const m of MILESTONES) if (left <= m * DAY_MS) reached = m;
  if (reached === undefined || sent.includes(reached)) return undefined;
  // A later (smaller) milestone already sent means this one was skipped on purpose: do not go back.
  if (sent.some((s) => s < reached)) return undefined;
  return reached;
}

/**
 * The next moment after `now` at which the status or the due milestone of this term changes, or undefined
 * when nothing will change any more (revoked or suspended). The expiry sweep reads only licences whose
 * next change is due, so its cost grows with the licences that change.
 */
export function nextChangeAt(term: LicenseTerm, now: Date): Date | undefined {
  if (term.revokedAt !== undefined) return undefined;
  const t = now.getTime();
  const expires = ms(term.expiresAt);
  const candidates = [
    ...MILESTONES.map((m) => expires - m * DAY_MS),
    expires,
    graceEndsAt(term).getTime(),
  ].filter((c) => c > t);
  return candidates.length > 0 ? new Date(Math.min(...candidates)) : undefined;
}

/** Errors in a proposed term, as readable strings ([] = valid). */
export function termProblems(
  term: LicenseTerm,
  limits: { maxTermDays: number; maxGraceDays: number },
): string[] {
  const problems: string[] = [];
  const nbf = ms(term.notBefore);
  const exp = ms(term.expiresAt);
  if (Number.isNaN(nbf)) problems.push('notBefore is not a date');
  if (Number.isNaN(exp)) problems.push('expiresAt is not a date');
  if (!Number.isNaN(nbf) && !Number.isNaN(exp)) {
    if (exp <= nbf) problems.push('expiresAt must be after notBefore');
    if (exp - nbf > limits.maxTermDays * DAY_MS)
      problems.push(`the term may not exceed ${limits.maxTermDays} days`);
  }
  if (!Number.isInteger(term.graceDays) || term.graceDays < 0 || term.graceDays > limits.maxGraceDays) {
    problems.push(`graceDays must be an integer from 0 to ${limits.maxGraceDays}`);
  }
  return problems;
}

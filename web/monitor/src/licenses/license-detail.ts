/** Pure helpers of the licence detail panel and the renew form. */
import { timeAgo } from '../monitoring-api';

const DAY = 86_400_000;

/** A licence's grace end: expiry plus its grace days. */
export function graceEnd(expiresAt: string, graceDays: number): Date {
  return new Date(Date.parse(expiresAt) + graceDays * DAY);
}

/** "Last validation" as shown: relative time, or "never" when none was recorded. */
export function lastValidationText(iso: string | undefined, now: number): string {
  return iso ? timeAgo(iso, now) : 'never';
}

/** The renew form's default: one year after the current expiry (or after today, if that is later). */
export function suggestedExpiryDate(expiresAt: string, now = Date.now()): string {
  const from = Math.max(Date.parse(expiresAt), now);
  const d = new Date(from);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The renew request body (`renewLicenseRequestSchema`) from the form: the date is taken as midnight UTC; grace
 * days are optional (blank keeps the licence's). The API checks the term itself; this only catches what the
 * form can tell.
 */
export function renewRequest(
  expiryDate: string,
  graceDays: string,
): { body: { expiresAt: string; graceDays?: number } } | { problem: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiryDate) || Number.isNaN(Date.parse(`${expiryDate}T00:00:00.000Z`))) {
    return { problem: 'Choose the new expiry date.' };
  }
  const expiresAt = `${expiryDate}T00:00:00.000Z`;
  const grace = graceDays.trim();
  if (grace === '') return { body: { expiresAt } };
  const n = Number(grace);
  if (!Number.isInteger(n) || n < 0 || n > 90)
    return { problem: 'Grace days must be a whole number from 0 to 90.' };
  return { body: { expiresAt, graceDays: n } };
}

/**
 * Evaluation periods. A period is a half-open range of UTC days [start, end). Month-aligned
 * periods (both ends on the 1st) shift by whole months, so the previous period of March is
 * February, not "the 31 days before March".
 */
export interface Period {
  /** First day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Day after the last day (exclusive), `YYYY-MM-DD`. */
  readonly end: string;
}

/** A period in epoch milliseconds (UTC midnight boundaries). */
export interface PeriodMs {
  readonly start: number;
  readonly end: number;
}

export const DAY_MS = 86_400_000;

/** Parses `YYYY-MM-DD` (UTC) to epoch ms; undefined when malformed or not a real date. */
export function parseIsoDate(s: string): number | undefined {
  if (s.length !== 10 || s[4] !== '-' || s[7] !== '-') return undefined;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const ms = Date.UTC(y, m - 1, d);
  if (new Date(ms).getUTCDate() !== d) return undefined;
  return ms;
}

/** Parses an ISO 8601 date or date-time to epoch ms; undefined when malformed. */
export function parseIsoDateTime(s: string): number | undefined {
  if (s.length === 10) return parseIsoDate(s);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(s)) return undefined;
  const ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(s) ? s : `${s}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

export const formatIsoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Converts and validates a period; throws `RangeError` (code in message) on a malformed one. */
export function toPeriodMs(p: Period | PeriodMs): PeriodMs {
  if (typeof p.start === 'number' && typeof p.end === 'number') return p as PeriodMs;
  const start = parseIsoDate(String(p.start));
  const end = parseIsoDate(String(p.end));
  if (start === undefined || end === undefined || end <= start) {
    throw new RangeError(`PERIOD.INVALID: expected start < end as YYYY-MM-DD, got ${p.start}..${p.end}`);
  }
  return { start, end };
}

function monthShift(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last));
}

const isFirstOfMonth = (ms: number) => new Date(ms).getUTCDate() === 1;

function monthsBetween(a: number, b: number): number {
  const da = new Date(a);
  const db = new Date(b);
  return (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + db.getUTCMonth() - da.getUTCMonth();
}

/** The period of the same length just before `p` (whole months when month-aligned). */
export function previousPeriod(p: PeriodMs): PeriodMs {
  if (isFirstOfMonth(p.start) && isFirstOfMonth(p.end)) {
    const n = monthsBetween(p.start, p.end);
    return { start: monthShift(p.start, -n), end: p.start };
  }
  return { start: p.start - (p.end - p.start), end: p.start };
}

/** From 1 January of the year of the period's last day to the period's end. */
export function yearToDate(p: PeriodMs): PeriodMs {
  const lastDay = new Date(p.end - DAY_MS);
  return { start: Date.UTC(lastDay.getUTCFullYear(), 0, 1), end: p.end };
}

/** The same period one year earlier. */
export function samePeriodLastYear(p: PeriodMs): PeriodMs {
  return { start: monthShift(p.start, -12), end: monthShift(p.end, -12) };
}

/** A calendar month as a period, e.g. `monthPeriod(2024, 6)` = June 2024. */
export function monthPeriod(year: number, month: number): Period {
  return { start: formatIsoDate(Date.UTC(year, month - 1, 1)), end: formatIsoDate(Date.UTC(year, month, 1)) };
}

/** Earliest representable instant: `to_date` periods start here. */
export const BEGINNING_OF_TIME = -8.64e15;

/** Everything up to the period end: for stock values such as open receivables at period end. */
export function toDate(p: PeriodMs): PeriodMs {
  return { start: BEGINNING_OF_TIME, end: p.end };
}

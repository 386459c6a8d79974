import { formatIsoDate, type Period, parseIsoDate } from '../domain/formula/period';

/** Calendar grains the calculation produces results for. */
export type Grain = 'month' | 'quarter' | 'year';

const MONTHS: Readonly<Record<Grain, number>> = { month: 1, quarter: 3, year: 12 };

function startOfGrain(ms: number, grain: Grain): { y: number; m: number } {
  const d = new Date(ms);
  const step = MONTHS[grain];
  return { y: d.getUTCFullYear(), m: Math.floor(d.getUTCMonth() / step) * step };
}

function isoOrThrow(s: string): number {
  const ms = parseIsoDate(s);
  if (ms === undefined) throw new RangeError(`PERIOD.INVALID: expected YYYY-MM-DD, got ${s}`);
  return ms;
}

/** `count` consecutive calendar periods of a grain, the first one containing `from` (YYYY-MM-DD). */
export function calendarPeriods(grain: Grain, from: string, count: number): Period[] {
  const { y, m } = startOfGrain(isoOrThrow(from), grain);
  const step = MONTHS[grain];
  return Array.from({ length: count }, (_, i) => ({
    start: formatIsoDate(Date.UTC(y, m + i * step, 1)),
    end: formatIsoDate(Date.UTC(y, m + (i + 1) * step, 1)),
  }));
}

/** The current period of a grain up to and including `today` (YYYY-MM-DD): e.g. month to date. */
export function periodToDate(grain: Grain, today: string): Period {
  const ms = isoOrThrow(today);
  const { y, m } = startOfGrain(ms, grain);
  return { start: formatIsoDate(Date.UTC(y, m, 1)), end: formatIsoDate(ms + 86_400_000) };
}

/**
 * The periods results are kept for: per grain, the last complete periods (24 months, 8 quarters, 3 years)
 * and the current period to date. A period is keyed `2024-03`, `2024-Q1` or `2024`.
 */
import type { ResultGrain } from '@kpi/shared/contracts/calculation';
import { DAY_MS, formatIsoDate } from '@kpi/shared/domain/formula/period';

/** Complete periods kept before the current one, per grain. */
export const PERIODS_BACK: Readonly<Record<ResultGrain, number>> = { month: 24, quarter: 8, year: 3 };

const MONTHS: Readonly<Record<ResultGrain, number>> = { month: 1, quarter: 3, year: 12 };

export interface ResultPeriod {
  readonly grain: ResultGrain;
  readonly key: string;
  /** Epoch ms, UTC midnight, half-open. */
  readonly start: number;
  readonly end: number;
  readonly toDate: boolean;
}

function keyOf(grain: ResultGrain, y: number, m: number): string {
  if (grain === 'year') return String(y);
  if (grain === 'quarter') return `${y}-Q${Math.floor(m / 3) + 1}`;
  return `${y}-${String(m + 1).padStart(2, '0')}`;
}

function calendar(grain: ResultGrain, y: number, m: number, today: number): ResultPeriod {
  const start = Date.UTC(y, m, 1);
  const end = Date.UTC(y, m + MONTHS[grain], 1);
  const current = start <= today && today < end;
  return {
    grain,
    key: keyOf(grain, new Date(start).getUTCFullYear(), new Date(start).getUTCMonth()),
    start,
    end: current ? today + DAY_MS : end,
    toDate: current,
  };
}

function currentStart(grain: ResultGrain, today: number): { y: number; m: number } {
  const d = new Date(today);
  const step = MONTHS[grain];
  return { y: d.getUTCFullYear(), m: Math.floor(d.getUTCMonth() / step) * step };
}

const midnight = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

/** Every result period of the grains as of `now` (oldest first per grain; the last is to date). */
export function resultPeriods(
  now: Date,
  grains: readonly ResultGrain[] = ['month', 'quarter', 'year'],
): ResultPeriod[] {
  const today = midnight(now);
  return grains.flatMap((grain) => {
    const { y, m } = currentStart(grain, today);
    return Array.from({ length: PERIODS_BACK[grain] + 1 }, (_, i) =>
      calendar(grain, y, m - (PERIODS_BACK[grain] - i) * MONTHS[grain], today),
    );
  });
}

/** The period of a key at a grain as of `now` (to date when it is the current one); undefined when malformed. */
export function periodOfKey(grain: ResultGrain, key: string, now: Date): ResultPeriod | undefined {
  const re = { month: /^(\d{4})-(\d{2})$/, quarter: /^(\d{4})-Q([1-4])$/, year: /^(\d{4})$/ }[grain];
  const m = re.exec(key);
  if (!m) return undefined;
  const y = Number(m[1]);
  const month = grain === 'month' ? Number(m[2]) - 1 : grain === 'quarter' ? (Number(m[2]) - 1) * 3 : 0;
  if (month < 0 || month > 11) return undefined;
  const today = midnight(now);
  const p = calendar(grain, y, month, today);
  return p.start > today ? undefined : p;
}

export const isoDay = formatIsoDate;

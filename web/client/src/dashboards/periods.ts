/** Period keys of the calculation results (`2024-03`, `2024-Q1`, `2024`) and how they relate. Pure. */
import type { ResultGrain } from '@kpi/shared/contracts/calculation';

/** Grains in the period picker, with their words. */
export const GRAIN_LABEL: Readonly<Record<ResultGrain, string>> = {
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
};

/** The same period a year before (`2024-03` → `2023-03`, `2024-Q1` → `2023-Q1`, `2024` → `2023`). */
export function previousYearKey(key: string): string | undefined {
  const m = /^(\d{4})(.*)$/.exec(key);
  if (!m) return undefined;
  return `${Number(m[1]) - 1}${m[2] ?? ''}`;
}

/**
 * Keys sort as text in time order within one grain (`2023-12` < `2024-01`, `2023-Q4` < `2024-Q1`).
 * Newest first.
 */
export const newestFirst = (keys: Iterable<string>): string[] => [...new Set(keys)].sort().reverse();

/** A key for people: `2024-03` → `Mar 2024`, `2024-Q1` → `Q1 2024`, `2024` → `2024`. */
export function periodLabel(key: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    const d = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
    return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
  const quarter = /^(\d{4})-(Q[1-4])$/.exec(key);
  return quarter ? `${quarter[2]} ${quarter[1]}` : key;
}

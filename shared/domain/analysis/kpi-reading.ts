/**
 * How a KPI value reads to a person: the value in its catalog format and unit, and the change against the
 * previous period judged by the KPI's direction. Used by the dashboards (browser) and by what renders them
 * server-side (a dashboard PDF), so both say the same thing.
 */
import { format as d3format } from 'd3-format';
import type { Direction } from '../catalog/types';

/** Units written against the number ("12.5%", "1.30×"); every other label follows a space. */
const ATTACHED_UNITS = new Set(['%', '×']);

const fallback = d3format(',.2~f');
const formatters = new Map<string, (value: number) => string>();

function formatterFor(spec: string): (value: number) => string {
  let f = formatters.get(spec);
  if (!f) {
    try {
      f = d3format(spec);
    } catch {
      // A custom KPI may carry a specifier d3 does not know: the value is still worth showing.
      f = fallback;
    }
    formatters.set(spec, f);
  }
  return f;
}

/** A value in the KPI's d3-format specifier (`,.1f`); `—` when there is none. */
export function formatKpiValue(value: number | null | undefined, spec: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return formatterFor(spec)(value);
}

/** A value with its unit label: `12.5%`, `3.2 days`, `1,200 currency`; `—` alone when there is no value. */
export function formatKpiQuantity(value: number | null | undefined, spec: string, unitLabel: string): string {
  const text = formatKpiValue(value, spec);
  if (text === '—' || !unitLabel) return text;
  return ATTACHED_UNITS.has(unitLabel) ? `${text}${unitLabel}` : `${text} ${unitLabel}`;
}

/** Whether a change is good news for this KPI. */
export type ChangeTone = 'better' | 'worse' | 'flat';

/** The change of a KPI from one period to the next. */
export interface PeriodChange {
  /** current − previous, in the KPI's unit. */
  delta: number;
  /** delta as a share of |previous|; undefined when the previous value is 0 (no meaningful ratio). */
  ratio: number | undefined;
  tone: ChangeTone;
}

/**
 * The change from `previous` to `current`, its tone from the KPI's direction (a fall is better when lower is
 * better); undefined when either value is missing.
 */
export function periodChange(
  current: number | null | undefined,
  previous: number | null | undefined,
  direction: Direction,
): PeriodChange | undefined {
  if (current === null || current === undefined || !Number.isFinite(current)) return undefined;
  if (previous === null || previous === undefined || !Number.isFinite(previous)) return undefined;
  const delta = current - previous;
  const ratio = previous === 0 ? undefined : delta / Math.abs(previous);
  const tone: ChangeTone =
    delta === 0 ? 'flat' : delta > 0 === (direction === 'higher-is-better') ? 'better' : 'worse';
  return { delta, ratio, tone };
}

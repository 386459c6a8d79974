/** The arithmetic of the time-series chart: value domain, threshold bands, zoom window, keyboard steps. Pure. */
import type { Direction, Thresholds } from '@kpi/shared/domain/catalog/types';

/** One period of the chart. */
export interface TimePoint {
  /** Period label, e.g. `2024-06`. */
  period: string;
  value: number | null;
  /** The same period a year before (the optional last-year line). */
  previousYear?: number | null;
}

/** Inclusive index range of the periods in view. */
export type IndexWindow = readonly [number, number];

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The value axis' domain: every value, last year's values and the target, with 8% room above and below;
 * `[0, 1]` when there is nothing to show, a band around a single value.
 */
export function valueDomain(points: readonly TimePoint[], target?: number | null): [number, number] {
  const values = points.flatMap((p) => [p.value, p.previousYear].filter(finite));
  if (finite(target)) values.push(target);
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || Math.abs(hi) || 1;
  return [lo - span * 0.08, hi + span * 0.08];
}

/** A status band's stretch of the value axis. */
export interface BandSpan {
  band: 'good' | 'warning' | 'critical';
  from: number;
  to: number;
}

/**
 * The bands of the thresholds inside `domain`, low values first: for higher-is-better critical up to
 * `critical`, warning to `good`, good above; mirrored for lower-is-better. Bands outside the domain are left out.
 */
export function bandSpans(
  thresholds: Thresholds | null | undefined,
  direction: Direction,
  [lo, hi]: readonly [number, number],
): BandSpan[] {
  if (!thresholds) return [];
  const spans: BandSpan[] =
    direction === 'higher-is-better'
      ? [
          { band: 'critical', from: -Infinity, to: thresholds.critical },
          { band: 'warning', from: thresholds.critical, to: thresholds.good },
          { band: 'good', from: thresholds.good, to: Infinity },
        ]
      : [
          { band: 'good', from: -Infinity, to: thresholds.good },
          { band: 'warning', from: thresholds.good, to: thresholds.critical },
          { band: 'critical', from: thresholds.critical, to: Infinity },
        ];
  return spans
    .map((s) => ({ ...s, from: Math.max(lo, s.from), to: Math.min(hi, s.to) }))
    .filter((s) => s.to > s.from);
}

/**
 * The periods a brush selection covers: `from` and `to` are positions on the index axis (the x scale's
 * inverse), rounded to whole periods, at least `minPeriods` wide and kept inside `0 .. count - 1`;
 * undefined when there are too few periods to zoom.
 */
export function zoomWindow(from: number, to: number, count: number, minPeriods = 3): IndexWindow | undefined {
  if (count < minPeriods || !Number.isFinite(from) || !Number.isFinite(to)) return undefined;
  let start = Math.max(0, Math.round(Math.min(from, to)));
  let end = Math.min(count - 1, Math.round(Math.max(from, to)));
  const missing = minPeriods - 1 - (end - start);
  if (missing > 0) {
    start = Math.max(0, start - Math.ceil(missing / 2));
    end = Math.min(count - 1, start + minPeriods - 1);
    start = Math.max(0, end - minPeriods + 1);
  }
  return [start, end];
}

/** The point a key moves the focus to inside `window`; undefined for a key the chart does not handle. */
export function stepFocus(
  current: number | undefined,
  key: string,
  [first, last]: IndexWindow,
): number | undefined {
  const at = current === undefined ? last : Math.min(last, Math.max(first, current));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return Math.max(first, at - 1);
    case 'ArrowRight':
    case 'ArrowUp':
      return Math.min(last, at + 1);
    case 'Home':
      return first;
    case 'End':
      return last;
    case 'PageUp':
      return Math.max(first, at - 12);
    case 'PageDown':
      return Math.min(last, at + 12);
    default:
      return undefined;
  }
}

/** Every `step`-th index of the window, so that period labels do not overlap (`room` pixels per label). */
export function tickIndexes([first, last]: IndexWindow, width: number, room = 64): number[] {
  const count = last - first + 1;
  if (count <= 0) return [];
  const fit = Math.max(1, Math.floor(width / room));
  const step = Math.max(1, Math.ceil(count / fit));
  const ticks: number[] = [];
  for (let i = last; i >= first; i -= step) ticks.unshift(i);
  return ticks;
}

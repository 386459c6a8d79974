/**
 * What a KPI tile shows, computed without React: the status band (the one rule in shared/domain), its look
 * (colour token and glyph, never colour alone), the change against the previous period and the numbers behind
 * the tile for a CSV export.
 */

import {
  type ChangeTone,
  formatKpiQuantity,
  formatKpiValue,
  periodChange,
} from '@kpi/shared/domain/analysis/kpi-reading';
import { type KpiStatus, kpiStatus } from '@kpi/shared/domain/analysis/kpi-status';
import type { Direction, Thresholds } from '@kpi/shared/domain/catalog/types';

/** One period of a KPI. */
export interface KpiPoint {
  /** Period label as the API gives it, e.g. `2024-06`. */
  period: string;
  value: number | null;
}

/** What cannot be computed yet: the required objects and fields no mapping provides. */
export interface KpiMissing {
  /** Data object names, e.g. `Shipment`. */
  objects: readonly string[];
  /** Field paths, e.g. `Shipment.deliveredAt`. */
  fields: readonly string[];
}

/** A KPI as a tile shows it: its definition's display facts and its values. */
export interface KpiTileData {
  /** KPI id (stable key). */
  id: string;
  name: string;
  /** Display unit, e.g. `%`, `days`; empty for counts. */
  unitLabel: string;
  /** d3-format specifier of the value. */
  format: string;
  direction: Direction;
  /** Target value; absent when the KPI has none. */
  target?: number | null;
  /** Status bands from the catalog; absent when the KPI defines none. */
  thresholds?: Thresholds | null;
  /** Value of the shown period. */
  value: number | null;
  /** Periods up to and including the shown one, oldest first; the tile draws the last twelve. */
  series: readonly KpiPoint[];
  /** Value of the period before; by default the second last of `series`. */
  previous?: number | null;
  /** Set when the KPI cannot be computed yet. */
  missing?: KpiMissing;
}

/** A tile's band: the status, or `no-band` for a value of a KPI without thresholds. */
export type TileBand = KpiStatus | 'no-band';

/** Colour token, glyph and words of a band: the glyph and words carry it for those who do not see colour. */
export interface BandLook {
  /** Words shown and read out. */
  label: string;
  /** A shape that differs per band (shown beside the words, hidden from screen readers). */
  glyph: string;
  /** CSS colour. */
  color: string;
}

export const BAND_LOOK: Readonly<Record<TileBand, BandLook>> = {
  good: { label: 'On target', glyph: '✓', color: 'var(--kpi-ok)' },
  warning: { label: 'Watch', glyph: '!', color: 'var(--kpi-warn)' },
  critical: { label: 'Off target', glyph: '✕', color: 'var(--kpi-danger)' },
  'no-value': { label: 'No data', glyph: '–', color: 'var(--kpi-text-muted)' },
  'no-band': { label: 'No thresholds', glyph: '○', color: 'var(--kpi-brand)' },
};

/** The band of a value from the KPI's thresholds and direction; `no-band` when the KPI has no thresholds. */
export function bandOf(
  value: number | null,
  direction: Direction,
  thresholds: Thresholds | null | undefined,
): TileBand {
  if (thresholds) return kpiStatus(value, direction, thresholds);
  return value === null || !Number.isFinite(value) ? 'no-value' : 'no-band';
}

/** The tile's change line: arrow, words and whether it is good news for this KPI. */
export interface ChangeView {
  tone: ChangeTone;
  /** ▲, ▼ or ■. */
  arrow: string;
  /** `12.3%`, or `2.0 pp` for a KPI in percent, or the delta in the KPI's format when the previous was 0. */
  text: string;
  /** A sentence for screen readers and the tooltip. */
  description: string;
}

/** The previous period's value: the given one, or the second last of the series. */
export function previousValue(tile: KpiTileData): number | null {
  if (tile.previous !== undefined) return tile.previous;
  return tile.series[tile.series.length - 2]?.value ?? null;
}

/** The change against the previous period, as the tile words it; undefined when it cannot be said. */
export function changeView(tile: KpiTileData): ChangeView | undefined {
  const change = periodChange(tile.value, previousValue(tile), tile.direction);
  if (!change) return undefined;
  const arrow = change.delta > 0 ? '▲' : change.delta < 0 ? '▼' : '■';
  // A rate's change is said in percentage points: 50% → 55% is +5 pp, not +10%.
  const text =
    tile.unitLabel === '%'
      ? `${formatKpiValue(Math.abs(change.delta), '.1f')} pp`
      : change.ratio === undefined
        ? formatKpiQuantity(Math.abs(change.delta), tile.format, tile.unitLabel)
        : `${formatKpiValue(Math.abs(change.ratio * 100), '.1f')}%`;
  const verb = change.delta > 0 ? 'Up' : change.delta < 0 ? 'Down' : 'Unchanged';
  const judgement = change.tone === 'better' ? ', better' : change.tone === 'worse' ? ', worse' : '';
  const description =
    change.tone === 'flat'
      ? 'Unchanged from the previous period'
      : `${verb} ${text} from the previous period${judgement}`;
  return { tone: change.tone, arrow, text, description };
}

/** The last `count` periods of the series, for the sparkline. */
export function lastPeriods(series: readonly KpiPoint[], count = 12): readonly KpiPoint[] {
  return series.length > count ? series.slice(series.length - count) : series;
}

/** The numbers behind a tile, one row a period, for a CSV export. */
export function tileRows(tile: KpiTileData): (string | number | null)[][] {
  const header = ['kpi', 'period', 'value', 'unit', 'target', 'status'];
  const rows = lastPeriods(tile.series).map((p) => [
    tile.id,
    p.period,
    p.value,
    tile.unitLabel,
    tile.target ?? null,
    bandOf(p.value, tile.direction, tile.thresholds),
  ]);
  return [header, ...rows];
}

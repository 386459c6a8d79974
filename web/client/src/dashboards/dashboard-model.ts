/**
 * What the dashboards show, computed without React from the entitled KPIs (`client-app/kpis`) and their
 * results (`calculation/results`): tiles as of a period, use-case groups, data freshness, the change feed
 * merged in, the detail chart's points and the numbers behind it for CSV. Pure.
 */
import type { KpiResult, kpiBreakdownSchema, ResultGrain } from '@kpi/shared/contracts/calculation';
import type { ClientKpi } from '@kpi/shared/contracts/client-app';
import { type BreakdownItem, OTHER_KEY, type TimePoint } from '@kpi/web-ui/charts';
import type { CsvCell } from '@kpi/web-ui/export';
import type { KpiTileData } from '@kpi/web-ui/kpi';
import type { z } from 'zod';
import { previousYearKey } from './periods';

/** `GET calculation/kpis/{kpiId}/breakdown`. */
export type KpiBreakdown = z.infer<typeof kpiBreakdownSchema>;

/** Periods a tile draws (the sparkline) plus the one before the first, for its change. */
const TILE_PERIODS = 13;

/** One grain's results by KPI id, each KPI's periods oldest first. */
export function resultsByKpi(results: Iterable<KpiResult>, grain: ResultGrain): Map<string, KpiResult[]> {
  const out = new Map<string, KpiResult[]>();
  for (const r of results) {
    if (r.grain !== grain) continue;
    const list = out.get(r.kpiId);
    if (list) list.push(r);
    else out.set(r.kpiId, [r]);
  }
  for (const list of out.values()) list.sort((a, b) => (a.periodKey < b.periodKey ? -1 : 1));
  return out;
}

/** A KPI's tile as of period `asOf` (its newest period when undefined), and the result it shows. */
export interface TileView {
  tile: KpiTileData;
  /** The result of the shown period; undefined when the KPI has none for it. */
  result: KpiResult | undefined;
}

/**
 * The tile of `kpi` for the period `asOf`: its value there, the previous periods up to it, the definition's
 * target, bands and direction; a value that cannot be computed because objects it reads have no data
 * names those objects.
 */
export function tileView(kpi: ClientKpi, periods: readonly KpiResult[] | undefined, asOf?: string): TileView {
  const upTo = (periods ?? []).filter((r) => asOf === undefined || r.periodKey <= asOf);
  const last = upTo.at(-1);
  const result = last && (asOf === undefined || last.periodKey === asOf) ? last : undefined;
  const missing = result ? missingObjects(result) : [];
  const tile: KpiTileData = {
    id: kpi.id,
    name: kpi.name,
    unitLabel: kpi.unitLabel,
    format: kpi.format,
    direction: kpi.direction,
    target: kpi.target,
    thresholds: kpi.thresholds,
    value: result?.value ?? null,
    series: upTo.slice(-TILE_PERIODS).map((r) => ({ period: r.periodKey, value: r.value })),
    // Only the period right before the shown one is its "previous"; a gap gives no change.
    previous: result ? (upTo.at(-2)?.value ?? null) : null,
    ...(missing.length ? { missing: { objects: missing, fields: [] } } : {}),
  };
  return { tile, result };
}

/**
 * The objects a result's value was computed from that had no data loaded (lake manifest version 0), when the
 * result has no value: what an administrator has to load before the KPI can be computed.
 */
export function missingObjects(result: KpiResult): string[] {
  if (result.status !== 'no-value') return [];
  return Object.entries(result.inputs)
    .filter(([, version]) => version === 0)
    .map(([object]) => object)
    .sort();
}

/** KPIs grouped for the home page. */
export interface KpiGroup {
  /** e.g. `Delivery`. */
  name: string;
  kpis: ClientKpi[];
}

/**
 * The catalog snapshot names no use case per KPI, so the home page groups by each KPI's first tag (its main
 * subject in the catalog: `delivery`, `margin`, `revenue`); KPIs without tags go last under "Other KPIs".
 * Groups by name, KPIs by name within a group.
 */
export function groupKpis(kpis: readonly ClientKpi[]): KpiGroup[] {
  const groups = new Map<string, ClientKpi[]>();
  for (const k of kpis) {
    const tag = k.tags[0];
    const name = tag ? tag.charAt(0).toUpperCase() + tag.slice(1).replace(/-/g, ' ') : '';
    groups.set(name, [...(groups.get(name) ?? []), k]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([name, list]) => ({
      name: name || 'Other KPIs',
      kpis: [...list].sort((a, b) => a.name.localeCompare(b.name)),
    }));
}

/** When the newest of `results` was computed (ISO), undefined when there are none. */
export function lastComputed(results: Iterable<KpiResult>): string | undefined {
  let newest: string | undefined;
  for (const r of results) if (newest === undefined || r.computedAt > newest) newest = r.computedAt;
  return newest;
}

/** The periods of the results, newest first. */
export function periodKeys(byKpi: ReadonlyMap<string, readonly KpiResult[]>): string[] {
  const keys = new Set<string>();
  for (const list of byKpi.values()) for (const r of list) keys.add(r.periodKey);
  return [...keys].sort().reverse();
}

const sameReading = (a: KpiResult, b: KpiResult) =>
  a.value === b.value && a.status === b.status && a.error?.code === b.error?.code;

/**
 * The results with the change feed's items of `grain` applied (by result id), and the KPIs whose shown
 * reading changed (a new period, another value, status or error): those tiles get the "updated" marker.
 */
export function mergeChanges(
  current: ReadonlyMap<string, KpiResult>,
  items: readonly KpiResult[],
  grain: ResultGrain,
): { next: Map<string, KpiResult>; changed: Set<string> } {
  const next = new Map(current);
  const changed = new Set<string>();
  for (const item of items) {
    if (item.grain !== grain) continue;
    const before = next.get(item.id);
    if (before && before.seq > item.seq) continue;
    if (!before || !sameReading(before, item)) changed.add(item.kpiId);
    next.set(item.id, item);
  }
  return { next, changed };
}

/** A KPI's periods as the detail chart draws them, with the same period a year before. */
export function timePoints(periods: readonly KpiResult[]): TimePoint[] {
  const byKey = new Map(periods.map((r) => [r.periodKey, r.value]));
  return periods.map((r) => {
    const key = previousYearKey(r.periodKey);
    const previousYear = key === undefined ? undefined : byKey.get(key);
    return {
      period: r.periodKey,
      value: r.value,
      ...(previousYear !== undefined ? { previousYear } : {}),
    };
  });
}

/** The numbers behind the detail chart, one row a period, for a CSV export. */
export function seriesRows(kpi: ClientKpi, periods: readonly KpiResult[]): CsvCell[][] {
  const lastYear = new Map(timePoints(periods).map((p) => [p.period, p.previousYear ?? null]));
  return [
    [
      'kpi',
      'grain',
      'period',
      'period_start',
      'period_end',
      'value',
      'unit',
      'target',
      'status',
      'last_year',
    ],
    ...periods.map((r) => [
      kpi.id,
      r.grain,
      r.periodKey,
      r.periodStart,
      r.periodEnd,
      r.value,
      kpi.unitLabel,
      kpi.target,
      r.status,
      lastYear.get(r.periodKey) ?? null,
    ]),
  ];
}

/** Key of the group of records without a value of the dimension. */
export const NONE_KEY = '\u0000none';

/** A breakdown answer as the chart's members; the engine's own "other" group keeps the engine's value. */
export function breakdownItems(groups: KpiBreakdown['groups']): BreakdownItem[] {
  return groups.map((g) => {
    if (g.other) return { key: OTHER_KEY, label: 'Other', value: g.kpiValue, other: true };
    if (g.value === null) return { key: NONE_KEY, label: '(none)', value: g.kpiValue };
    return { key: String(g.value), label: String(g.value), value: g.kpiValue };
  });
}

/** The numbers behind a breakdown, for a CSV export. */
export function breakdownRows(kpi: ClientKpi, b: KpiBreakdown): CsvCell[][] {
  return [
    ['kpi', 'dimension', 'period', 'member', 'records', 'value', 'unit'],
    ...b.groups.map((g) => [
      kpi.id,
      b.dimension,
      b.periodKey,
      g.other ? 'Other' : g.value === null ? '' : String(g.value),
      g.records,
      g.kpiValue,
      kpi.unitLabel,
    ]),
  ];
}

import type { KpiResult } from '@kpi/shared/contracts/calculation';
import type { ClientKpi } from '@kpi/shared/contracts/client-app';
import { OTHER_KEY } from '@kpi/web-ui/charts';
import { describe, expect, it } from 'vitest';
import {
  breakdownItems,
  groupKpis,
  lastComputed,
  mergeChanges,
  NONE_KEY,
  periodKeys,
  resultsByKpi,
  seriesRows,
  tileView,
  timePoints,
} from './dashboard-model';
import { periodLabel, previousYearKey } from './periods';

const kpi = (id: string, tags: string[] = [], name = id): ClientKpi => ({
  id,
  name,
  description: '',
  formula: 'count(Shipment)',
  unit: 'percent',
  unitLabel: '%',
  format: ',.1f',
  direction: 'higher-is-better',
  target: 92,
  thresholds: { good: 92, warning: 88, critical: 84 },
  timeGrain: 'month',
  dimensions: [],
  tags,
  source: 'catalog',
  requirements: { objects: [], kpis: [] } as unknown as ClientKpi['requirements'],
});

let seq = 1;
const result = (
  kpiId: string,
  periodKey: string,
  value: number | null,
  o: Partial<KpiResult> = {},
): KpiResult => ({
  id: `${kpiId}:month:${periodKey}`,
  kpiId,
  grain: 'month',
  periodKey,
  periodStart: `${periodKey}-01`,
  periodEnd: `${periodKey}-28`,
  toDate: false,
  value,
  status: value === null ? 'no-value' : value >= 92 ? 'good' : 'critical',
  target: 92,
  direction: 'higher-is-better',
  thresholds: { good: 92, warning: 88, critical: 84 },
  inputs: { Shipment: 1 },
  computedAt: '2026-12-01T10:00:00.000Z',
  seq: seq++,
  catalogVersion: '1',
  ...o,
});

const months = (n: number, from = 2024) =>
  Array.from(
    { length: n },
    (_, i) => `${from + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
  );

describe('dashboard model', () => {
  it('a tile shows the value of the chosen period, the periods up to it and the change from the one before', () => {
    const rs = months(20).map((m, i) => result('otif', m, 80 + i));
    const byKpi = resultsByKpi([...rs, result('otif', '2024-01', 1, { grain: 'quarter', id: 'q' })], 'month');
    const { tile, result: shown } = tileView(kpi('otif'), byKpi.get('otif'), '2025-03');
    expect(shown?.periodKey).toBe('2025-03');
    expect(tile.value).toBe(94);
    expect(tile.previous).toBe(93);
    expect(tile.series).toHaveLength(13);
    expect(tile.series.at(-1)).toEqual({ period: '2025-03', value: 94 });
    expect(tile.target).toBe(92);
    expect(tile.missing).toBeUndefined();
    // Without an as-of period: the newest one.
    expect(tileView(kpi('otif'), byKpi.get('otif')).tile.value).toBe(99);
  });

  it('a period the KPI has no result for shows no value and no change', () => {
    const rs = [result('otif', '2024-01', 90), result('otif', '2024-03', 91)];
    const { tile, result: shown } = tileView(kpi('otif'), rs, '2024-02');
    expect([shown, tile.value, tile.previous]).toEqual([undefined, null, null]);
    expect(tileView(kpi('otif'), undefined, '2024-02').tile.series).toEqual([]);
  });

  it('a result without a value names the objects it reads that have no data', () => {
    const r = result('otif', '2024-01', null, { inputs: { Shipment: 0, Carrier: 3, Order: 0 } });
    expect(tileView(kpi('otif'), [r], '2024-01').tile.missing).toEqual({
      objects: ['Order', 'Shipment'],
      fields: [],
    });
    expect(tileView(kpi('otif'), [{ ...r, status: 'error' }], '2024-01').tile.missing).toBeUndefined();
    expect(
      tileView(kpi('otif'), [{ ...r, inputs: { Shipment: 2 } }], '2024-01').tile.missing,
    ).toBeUndefined();
  });

  it('groups KPIs by their first tag, untagged last', () => {
    const groups = groupKpis([
      kpi('b', ['margin'], 'Beta'),
      kpi('x', []),
      kpi('a', ['delivery', 'margin'], 'Alpha'),
      kpi('c', ['margin'], 'Alpha margin'),
    ]);
    expect(groups.map((g) => [g.name, g.kpis.map((k) => k.id)])).toEqual([
      ['Delivery', ['a']],
      ['Margin', ['c', 'b']],
      ['Other KPIs', ['x']],
    ]);
  });

  it('merges the change feed by result id and names the KPIs whose reading changed', () => {
    const a = result('a', '2024-01', 90);
    const b = result('b', '2024-01', 95);
    const current = new Map([a, b].map((r) => [r.id, r]));
    const { next, changed } = mergeChanges(
      current,
      [
        { ...a, computedAt: '2026-12-02T00:00:00.000Z', seq: 100 }, // rewritten, same value
        { ...b, value: 80, status: 'critical', seq: 100 },
        result('c', '2024-02', 70),
        { ...a, grain: 'year', id: 'a:year:2024', value: 1, seq: 100 }, // other grain
        { ...b, value: 1, seq: 0 }, // older than what is held
      ],
      'month',
    );
    expect([...changed].sort()).toEqual(['b', 'c']);
    expect(next.get(a.id)?.computedAt).toBe('2026-12-02T00:00:00.000Z');
    expect(next.get(b.id)?.value).toBe(80);
    expect(next.has('a:year:2024')).toBe(false);
    expect(current.get(b.id)?.value).toBe(95);
    expect(lastComputed(next.values())).toBe('2026-12-02T00:00:00.000Z');
    expect(lastComputed([])).toBeUndefined();
    expect(periodKeys(resultsByKpi(next.values(), 'month'))).toEqual(['2024-02', '2024-01']);
  });

  it('chart points carry last year, the CSV the numbers behind them', () => {
    const rs = ['2023-05', '2024-04', '2024-05'].map((m, i) => result('otif', m, 90 + i));
    expect(timePoints(rs)).toEqual([
      { period: '2023-05', value: 90 },
      { period: '2024-04', value: 91 },
      { period: '2024-05', value: 92, previousYear: 90 },
    ]);
    const rows = seriesRows(kpi('otif'), rs);
    expect(rows[0]).toContain('last_year');
    expect(rows[3]).toEqual([
      'otif',
      'month',
      '2024-05',
      '2024-05-01',
      '2024-05-28',
      92,
      '%',
      92,
      'good',
      90,
    ]);
  });

  it('breakdown groups become chart members; none and other get keys of their own', () => {
    expect(
      breakdownItems([
        { value: 'DHL', other: false, records: 3, kpiValue: 90 },
        { value: null, other: false, records: 1, kpiValue: null },
        { value: 7, other: false, records: 1, kpiValue: 50 },
        { value: null, other: true, records: 9, kpiValue: 70 },
      ]),
    ).toEqual([
      { key: 'DHL', label: 'DHL', value: 90 },
      { key: NONE_KEY, label: '(none)', value: null },
      { key: '7', label: '7', value: 50 },
      { key: OTHER_KEY, label: 'Other', value: 70, other: true },
    ]);
  });

  it('period keys: last year and words', () => {
    expect([previousYearKey('2024-03'), previousYearKey('2024-Q1'), previousYearKey('2024')]).toEqual([
      '2023-03',
      '2023-Q1',
      '2023',
    ]);
    expect([periodLabel('2024-03'), periodLabel('2024-Q2'), periodLabel('2024')]).toEqual([
      'Mar 2024',
      'Q2 2024',
      '2024',
    ]);
  });
});

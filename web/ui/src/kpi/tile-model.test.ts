import { describe, expect, it } from 'vitest';
import { bandOf, changeView, type KpiTileData, lastPeriods, previousValue, tileRows } from './tile-model';

const tile = (over: Partial<KpiTileData> = {}): KpiTileData => ({
  id: 'otif-rate',
  name: 'OTIF rate',
  unitLabel: 'days',
  format: '.1f',
  direction: 'higher-is-better',
  target: 95,
  thresholds: { good: 95, warning: 90, critical: 85 },
  value: 110,
  series: [
    { period: '2024-05', value: 100 },
    { period: '2024-06', value: 110 },
  ],
  ...over,
});

describe('KPI tile model', () => {
  it('bands a value by the thresholds in either direction', () => {
    const up = { good: 95, warning: 90, critical: 85 };
    const down = { good: 2, warning: 4, critical: 6 };
    expect([96, 90, 85].map((v) => bandOf(v, 'higher-is-better', up))).toEqual([
      'good',
      'warning',
      'critical',
    ]);
    expect([1, 3, 7].map((v) => bandOf(v, 'lower-is-better', down))).toEqual(['good', 'warning', 'critical']);
  });

  it('has no band without thresholds, and no value before a band', () => {
    expect(bandOf(5, 'higher-is-better', undefined)).toBe('no-band');
    expect(bandOf(5, 'lower-is-better', null)).toBe('no-band');
    expect(bandOf(null, 'higher-is-better', undefined)).toBe('no-value');
    expect(bandOf(null, 'higher-is-better', { good: 1, warning: 0, critical: -1 })).toBe('no-value');
  });

  it('words a rise as better when higher is better, and as worse when lower is', () => {
    expect(changeView(tile())).toEqual({
      tone: 'better',
      arrow: '▲',
      text: '10.0%',
      description: 'Up 10.0% from the previous period, better',
    });
    expect(changeView(tile({ direction: 'lower-is-better' }))?.tone).toBe('worse');
    const fall = changeView(tile({ value: 90, direction: 'lower-is-better' }));
    expect([fall?.arrow, fall?.tone, fall?.text]).toEqual(['▼', 'better', '10.0%']);
  });

  it('says a rate changes in percentage points', () => {
    const rate = tile({
      unitLabel: '%',
      value: 55,
      series: [
        { period: 'a', value: 50 },
        { period: 'b', value: 55 },
      ],
    });
    expect(changeView(rate)?.text).toBe('5.0 pp');
  });

  it('gives the change in the unit when the previous value was zero', () => {
    const fromZero = tile({
      value: 3,
      series: [
        { period: 'a', value: 0 },
        { period: 'b', value: 3 },
      ],
    });
    expect(changeView(fromZero)).toMatchObject({ arrow: '▲', text: '3.0 days', tone: 'better' });
  });

  it('says nothing about a change without both values, and flat when equal', () => {
    expect(changeView(tile({ value: null }))).toBeUndefined();
    expect(changeView(tile({ series: [{ period: 'b', value: 110 }] }))).toBeUndefined();
    expect(
      changeView(
        tile({
          series: [
            { period: 'a', value: null },
            { period: 'b', value: 110 },
          ],
        }),
      ),
    ).toBeUndefined();
    expect(changeView(tile({ value: 100, previous: 100 }))).toMatchObject({
      tone: 'flat',
      arrow: '■',
      description: 'Unchanged from the previous period',
    });
  });

  it('takes an explicit previous value over the series', () => {
    expect(previousValue(tile({ previous: 55 }))).toBe(55);
    expect(previousValue(tile({ previous: null }))).toBeNull();
    expect(previousValue(tile())).toBe(100);
  });

  it('keeps the last twelve periods for the sparkline and the CSV', () => {
    const series = Array.from({ length: 15 }, (_, i) => ({ period: `p${i}`, value: i }));
    expect(lastPeriods(series).map((p) => p.period)).toEqual(series.slice(3).map((p) => p.period));
    expect(lastPeriods(series.slice(0, 2))).toHaveLength(2);
    const rows = tileRows(tile({ series, thresholds: undefined, target: undefined }));
    expect(rows[0]).toEqual(['kpi', 'period', 'value', 'unit', 'target', 'status']);
    expect(rows).toHaveLength(13);
    expect(rows[1]).toEqual(['otif-rate', 'p3', 3, 'days', null, 'no-band']);
  });
});

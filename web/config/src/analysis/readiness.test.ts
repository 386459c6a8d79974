import type { AnalysisView } from '@kpi/shared/contracts/demo-config';
import { describe, expect, it } from 'vitest';
import { filterKpis, groupGaps, missingOf } from './readiness';

type Kpi = AnalysisView['kpis'][number];
const kpis: Kpi[] = [
  { kpiId: 'oee', status: 'ready', missing: [], missingObjects: [] },
  {
    kpiId: 'otif',
    status: 'partial',
    missing: [{ object: 'Shipment', field: 'deliveredAt' }],
    missingObjects: [],
  },
  {
    kpiId: 'forecast-accuracy',
    status: 'blocked',
    missing: [
      { object: 'Forecast', field: 'quantity' },
      { object: 'Forecast', field: 'period' },
      { object: 'SalesOrder', field: 'orderedAt' },
    ],
    missingObjects: ['Forecast'],
  },
  { kpiId: 'gone', status: 'blocked', missing: [], missingObjects: [], problem: 'unknown-kpi' },
];
const names: Record<string, string> = {
  oee: 'Overall equipment effectiveness',
  otif: 'On time in full',
  'forecast-accuracy': 'Forecast accuracy',
  gone: 'gone',
};
const nameOf = (id: string) => names[id] ?? id;

describe('filterKpis', () => {
  it('lists blocked, then partial, then ready KPIs, by name within a status', () => {
    expect(filterKpis(kpis, 'all', '', nameOf).map((k) => k.kpiId)).toEqual([
      'forecast-accuracy',
      'gone',
      'otif',
      'oee',
    ]);
  });
  it('filters by status and by name or id', () => {
    expect(filterKpis(kpis, 'partial', '', nameOf).map((k) => k.kpiId)).toEqual(['otif']);
    expect(filterKpis(kpis, 'all', 'EQUIPMENT', nameOf).map((k) => k.kpiId)).toEqual(['oee']);
    expect(filterKpis(kpis, 'ready', 'forecast', nameOf)).toEqual([]);
  });
});

describe('missingOf', () => {
  it('names whole missing objects once and then the fields of provided objects', () => {
    expect(missingOf(kpis[2]!)).toEqual(['Forecast (no source)', 'SalesOrder.orderedAt']);
    expect(missingOf(kpis[1]!)).toEqual(['Shipment.deliveredAt']);
    expect(missingOf(kpis[0]!)).toEqual([]);
    expect(missingOf(kpis[3]!)[0]).toMatch(/Not in the catalog/);
  });
});

describe('groupGaps', () => {
  it('groups per object, whole objects first, with the union of blocked KPIs', () => {
    const groups = groupGaps([
      { object: 'Shipment', field: 'deliveredAt', kpis: ['otif'] },
      { object: 'Shipment', field: 'promisedAt', kpis: ['otif', 'lead-time'] },
      { object: 'Forecast', kpis: ['forecast-accuracy'] },
    ]);
    expect(groups).toEqual([
      { object: 'Forecast', whole: true, fields: [], kpis: ['forecast-accuracy'] },
      {
        object: 'Shipment',
        whole: false,
        fields: [
          { field: 'deliveredAt', kpis: ['otif'] },
          { field: 'promisedAt', kpis: ['otif', 'lead-time'] },
        ],
        kpis: ['otif', 'lead-time'],
      },
    ]);
  });
});

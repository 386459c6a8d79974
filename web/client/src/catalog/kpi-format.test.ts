import type { ClientKpi } from '@kpi/shared/contracts/client-app';
import { describe, expect, it } from 'vitest';
import { formatValue, searchKpis } from './kpi-format';

const kpi = (over: Partial<ClientKpi>): ClientKpi => ({
  id: 'otif-rate',
  name: 'OTIF rate',
  description: 'Orders delivered on time and in full',
  formula: 'count(x) / count(y)',
  unit: 'percent',
  unitLabel: '%',
  format: '0.0',
  direction: 'higher-is-better',
  target: 95,
  thresholds: { good: 95, warning: 90, critical: 85 },
  timeGrain: 'month',
  dimensions: ['customer'],
  tags: ['logistics'],
  source: 'catalog',
  requirements: { objects: [], relationships: [], kpis: [] },
  ...over,
});

describe('searchKpis', () => {
  const list = [
    kpi({}),
    kpi({ id: 'gross-margin', name: 'Gross margin', description: 'Revenue less cost', tags: ['finance'] }),
  ];
  it('matches every word anywhere in the definition, ignoring case', () => {
    expect(searchKpis(list, 'ON TIME').map((k) => k.id)).toEqual(['otif-rate']);
    expect(searchKpis(list, 'finance margin').map((k) => k.id)).toEqual(['gross-margin']);
    expect(searchKpis(list, 'margin logistics')).toEqual([]);
  });
  it('keeps everything for an empty query', () => {
    expect(searchKpis(list, '  ')).toHaveLength(2);
  });
});

describe('formatValue', () => {
  it('puts the unit label after the number', () => {
    expect(formatValue(95, '%')).toBe('95 %');
    expect(formatValue(3.256, 'days')).toBe('3.26 days');
    expect(formatValue(1200, '')).toBe('1,200');
  });
});

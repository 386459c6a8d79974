import type { CustomKpiDefinition } from '@kpi/shared/contracts/metadata-custom-kpi';
import { describe, expect, it } from 'vitest';
import { diffDefinitions } from './definition-diff';

const base: CustomKpiDefinition = {
  name: 'Late share',
  description: '',
  formula: 'count(Shipment) * 1',
  unit: 'percent',
  unitLabel: '%',
  format: ',.1f',
  direction: 'lower-is-better',
  target: 5,
  thresholds: { good: 5, warning: 8, critical: 12 },
  timeGrain: 'month',
  dimensions: [],
  tags: ['a'],
};

describe('diffDefinitions', () => {
  it('lists changed fields with both values, nested values compared structurally', () => {
    const next = { ...base, target: 4, thresholds: { ...base.thresholds, critical: 10 }, tags: ['a'] };
    expect(diffDefinitions(base, next)).toEqual([
      { field: 'target', from: 5, to: 4 },
      { field: 'thresholds', from: base.thresholds, to: next.thresholds },
    ]);
    expect(diffDefinitions(base, { ...base })).toEqual([]);
  });

  it('against nothing, every field is a change', () => {
    expect(diffDefinitions(undefined, base).map((c) => c.field)).toContain('formula');
    expect(diffDefinitions(undefined, base)).toHaveLength(12);
  });
});

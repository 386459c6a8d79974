import type { TreeNode } from '@kpi/shared/contracts/catalog-tree';
import { bandOf } from '@kpi/web-ui/kpi';
import { describe, expect, it } from 'vitest';
import { groupByValueChain, monthLabel, type PreviewKpi, shiftMonth, toTile } from './demo-model';

const kpi = (kpiId: string, values: (number | null)[] = [1, 2], custom = false): PreviewKpi => ({
  kpiId,
  name: kpiId,
  custom,
  unitLabel: '%',
  format: '.1%',
  direction: 'higher-is-better',
  target: 1,
  thresholds: { good: 1, warning: 0.9, critical: 0.8 },
  value: values[values.length - 1] ?? null,
  status: 'good',
  series: values.map((value, i) => ({ period: `2024-0${i + 1}`, value })),
});

const node = (id: string, kind: TreeNode['kind'], children?: TreeNode[]): TreeNode => ({
  id,
  name: id.toUpperCase(),
  kind,
  count: 0,
  ...(children ? { children } : {}),
});

describe('demo page model', () => {
  it('groups KPIs by the value chain they first appear in, in catalog order; custom and unknown last', () => {
    const industry = node('retail', 'industry', [
      node('plan', 'valueChain', [node('u1', 'useCase', [node('a', 'kpi'), node('b', 'kpi')])]),
      node('sell', 'valueChain', [node('u2', 'useCase', [node('c', 'kpi'), node('a', 'kpi')])]),
    ]);
    const groups = groupByValueChain([kpi('x'), kpi('c'), kpi('mine', [1], true), kpi('a')], industry);
    expect(groups.map((g) => [g.name, g.kpis.map((k) => k.kpiId)])).toEqual([
      ['PLAN', ['a']],
      ['SELL', ['c']],
      ['Custom KPIs', ['mine']],
      ['Other KPIs', ['x']],
    ]);
    expect(groupByValueChain([kpi('a')], undefined).map((g) => g.name)).toEqual(['Other KPIs']);
  });

  it('shows a preview KPI as the shared tile, its band recomputed from the same thresholds', () => {
    const k = kpi('a', [0.5, 0.95]);
    const tile = toTile(k);
    expect(tile).toMatchObject({ id: 'a', value: 0.95, target: 1, direction: 'higher-is-better' });
    expect(tile.series).toHaveLength(2);
    expect(bandOf(tile.value, tile.direction, tile.thresholds)).toBe('warning');
  });

  it('steps months inside the sample window', () => {
    expect(shiftMonth('2024-06', 1)).toBe('2024-07');
    expect(shiftMonth('2024-01', -1)).toBe('2023-12');
    expect(shiftMonth('2024-12', 1)).toBe('2024-12');
    expect(shiftMonth('2023-01', -1)).toBe('2023-01');
    expect(monthLabel('2024-06')).toBe('June 2024');
  });
});

import { describe, expect, it } from 'vitest';
import { filterTree, flattenKpis, type TreeNode } from './catalog-tree';

const kpi = (id: string, name: string): TreeNode => ({ id, name, kind: 'kpi', count: 1 });
const tree: TreeNode[] = [
  {
    id: 'retail',
    name: 'Retail',
    kind: 'industry',
    count: 3,
    children: [
      {
        id: 'retail-sales',
        name: 'Sales',
        kind: 'valueChain',
        count: 3,
        children: [
          {
            id: 'uc-basket',
            name: 'Basket analysis',
            kind: 'useCase',
            count: 3,
            children: [
              kpi('k1', 'Average basket value'),
              kpi('k2', 'Items per basket'),
              kpi('k3', 'Conversion rate'),
            ],
          },
        ],
      },
    ],
  },
  {
    id: 'energy',
    name: 'Énergie',
    kind: 'industry',
    count: 1,
    children: [
      {
        id: 'energy-grid',
        name: 'Grid',
        kind: 'valueChain',
        count: 1,
        children: [
          {
            id: 'uc-loss',
            name: 'Losses',
            kind: 'useCase',
            count: 1,
            children: [kpi('k4', 'Line loss rate')],
          },
        ],
      },
    ],
  },
];

describe('filterTree', () => {
  it('returns the tree unchanged for an empty query', () => {
    const result = filterTree(tree, '  ');
    expect(result.nodes).toBe(tree);
    expect(result.expand.size).toBe(0);
  });

  it('keeps matching leaves with their ancestors, expands the ancestors and recounts', () => {
    const result = filterTree(tree, 'BASKET');
    // "Basket analysis" (use case) matches, so its whole subtree stays.
    expect(result.nodes.map((n) => n.id)).toEqual(['retail']);
    expect(result.nodes[0]?.count).toBe(3);
    expect([...result.expand].sort()).toEqual(['retail', 'retail-sales']);
    expect(result.matches).toBe(3); // use case + two KPIs with "basket"
  });

  it('recounts KPIs when only some leaves match', () => {
    const result = filterTree(tree, 'rate');
    const retail = result.nodes.find((n) => n.id === 'retail');
    expect(retail?.count).toBe(1);
    expect(retail?.children?.[0]?.children?.[0]?.children?.map((n) => n.id)).toEqual(['k3']);
    expect(result.nodes.find((n) => n.id === 'energy')?.count).toBe(1);
  });

  it('ignores accents and returns nothing when nothing matches', () => {
    expect(filterTree(tree, 'energie').nodes.map((n) => n.id)).toEqual(['energy']);
    expect(filterTree(tree, 'zzz').nodes).toEqual([]);
  });
});

describe('flattenKpis', () => {
  it('lists KPIs with their path in tree order', () => {
    const kpis = flattenKpis(tree);
    expect(kpis.map((k) => k.id)).toEqual(['k1', 'k2', 'k3', 'k4']);
    expect(kpis[3]).toEqual({
      id: 'k4',
      name: 'Line loss rate',
      industry: 'Énergie',
      valueChain: 'Grid',
      useCase: 'Losses',
    });
  });
});

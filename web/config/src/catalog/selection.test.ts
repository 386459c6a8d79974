import type { TreeNode } from '@kpi/web-ui/catalog';
import { describe, expect, it } from 'vitest';
import {
  catalogKpiIds,
  kpiIdsOf,
  sameSelection,
  selectedPerIndustry,
  selectionDiff,
  selectionOf,
  toggleNode,
} from './selection';

const kpi = (id: string): TreeNode => ({ id, name: id.toUpperCase(), kind: 'kpi', count: 1 });
const useCase = (id: string, ...kpis: string[]): TreeNode => ({
  id,
  name: id,
  kind: 'useCase',
  count: kpis.length,
  children: kpis.map(kpi),
});
// k2 sits under two use cases of the same value chain, as shared KPIs do in the catalog.
const chain: TreeNode = {
  id: 'vc',
  name: 'Chain',
  kind: 'valueChain',
  count: 3,
  children: [useCase('u1', 'k1', 'k2'), useCase('u2', 'k2', 'k3')],
};
const industry: TreeNode = {
  id: 'ind',
  name: 'Industry',
  kind: 'industry',
  count: 4,
  children: [chain, useCase('u3', 'k4')],
};
const other: TreeNode = {
  id: 'oth',
  name: 'Other',
  kind: 'industry',
  count: 1,
  children: [useCase('u9', 'k9')],
};

const u1 = chain.children![0]!;
const u2 = chain.children![1]!;

describe('kpiIdsOf', () => {
  it('lists distinct KPI ids below a node, a shared KPI once', () => {
    expect(kpiIdsOf(chain)).toEqual(['k1', 'k2', 'k3']);
    expect(kpiIdsOf(industry)).toEqual(['k1', 'k2', 'k3', 'k4']);
    expect(kpiIdsOf(kpi('x'))).toEqual(['x']);
  });
});

describe('selectionOf', () => {
  it('is unchecked, mixed or checked with counts over distinct KPIs', () => {
    expect(selectionOf(chain, new Set())).toEqual({ state: 'unchecked', selected: 0, total: 3 });
    expect(selectionOf(chain, new Set(['k2']))).toEqual({ state: 'mixed', selected: 1, total: 3 });
    expect(selectionOf(chain, new Set(['k1', 'k2', 'k3', 'k9']))).toEqual({
      state: 'checked',
      selected: 3,
      total: 3,
    });
  });
  it('sees a shared KPI ticked in one place as ticked in every place', () => {
    const s = new Set(['k1', 'k2']);
    expect(selectionOf(u1, s).state).toBe('checked');
    expect(selectionOf(u2, s).state).toBe('mixed');
  });
});

describe('toggleNode', () => {
  it('checking a use case selects all its KPIs and leaves the parents mixed', () => {
    const next = toggleNode(u1, new Set());
    expect([...next].sort()).toEqual(['k1', 'k2']);
    expect(selectionOf(u1, next).state).toBe('checked');
    expect(selectionOf(chain, next).state).toBe('mixed');
    expect(selectionOf(industry, next).state).toBe('mixed');
  });
  it('a mixed node becomes fully checked; a checked node is cleared', () => {
    const mixed = new Set(['k2', 'k9']);
    const all = toggleNode(industry, mixed);
    expect([...all].sort()).toEqual(['k1', 'k2', 'k3', 'k4', 'k9']);
    const cleared = toggleNode(industry, all);
    expect([...cleared]).toEqual(['k9']);
  });
  it('unticking a shared KPI unticks it everywhere, and does not change its input', () => {
    const start = new Set(['k1', 'k2', 'k3']);
    const next = toggleNode(kpi('k2'), start);
    expect(start.size).toBe(3);
    expect(selectionOf(u1, next).state).toBe('mixed');
    expect(selectionOf(u2, next).state).toBe('mixed');
  });
  it('acts on a filtered node as displayed', () => {
    const filtered: TreeNode = { ...u2, children: [kpi('k3')] };
    expect([...toggleNode(filtered, new Set())]).toEqual(['k3']);
  });
});

describe('selection helpers', () => {
  it('compares, diffs and summarises per industry', () => {
    expect(sameSelection(new Set(['a', 'b']), new Set(['b', 'a']))).toBe(true);
    expect(sameSelection(new Set(['a']), new Set(['a', 'b']))).toBe(false);
    expect(sameSelection(new Set(['a', 'c']), new Set(['a', 'b']))).toBe(false);
    expect(selectionDiff(new Set(['a', 'b']), new Set(['b', 'c']))).toEqual({ added: ['c'], removed: ['a'] });
    expect(selectedPerIndustry([industry, other], new Set(['k1', 'k2']))).toEqual([
      { id: 'ind', name: 'Industry', selected: 2, total: 4 },
    ]);
  });
  it('takes only catalog KPIs from a stored selection (custom ones are a separate list)', () => {
    const ids = catalogKpiIds([{ kpiId: 'k1' }, { kpiId: 'mine', customVersion: 2 }]);
    expect([...ids]).toEqual(['k1']);
  });
});

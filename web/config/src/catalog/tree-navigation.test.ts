import type { TreeNode } from '@kpi/web-ui/catalog';
import { describe, expect, it } from 'vitest';
import { keyToAction, pathTo, visibleItems } from './tree-navigation';

const tree: TreeNode[] = [
  {
    id: 'a',
    name: 'A',
    kind: 'industry',
    count: 2,
    children: [
      { id: 'a1', name: 'A1', kind: 'kpi', count: 1 },
      { id: 'a2', name: 'A2', kind: 'kpi', count: 1 },
    ],
  },
  { id: 'b', name: 'B', kind: 'industry', count: 0, children: [] },
];

describe('visibleItems', () => {
  it('hides children of collapsed nodes and numbers siblings', () => {
    expect(visibleItems(tree, new Set()).map((i) => i.node.id)).toEqual(['a', 'b']);
    const open = visibleItems(tree, new Set(['a']));
    expect(open.map((i) => [i.key, i.level, i.position, i.setSize, i.parentKey])).toEqual([
      ['a', 1, 1, 2, undefined],
      ['a/a1', 2, 1, 2, 'a'],
      ['a/a2', 2, 2, 2, 'a'],
      ['b', 1, 2, 2, undefined],
    ]);
  });
  it('keys a KPI that sits under two parents once per place', () => {
    const shared: TreeNode[] = [
      {
        id: 'u1',
        name: 'U1',
        kind: 'useCase',
        count: 1,
        children: [{ id: 'k', name: 'K', kind: 'kpi', count: 1 }],
      },
      {
        id: 'u2',
        name: 'U2',
        kind: 'useCase',
        count: 1,
        children: [{ id: 'k', name: 'K', kind: 'kpi', count: 1 }],
      },
    ];
    const keys = visibleItems(shared, new Set(['u1', 'u2'])).map((i) => i.key);
    expect(keys).toEqual(['u1', 'u1/k', 'u2', 'u2/k']);
  });
});

describe('keyToAction', () => {
  const expanded = new Set(['a']);
  const items = visibleItems(tree, expanded);
  it('moves with arrows, Home and End and stops at the ends', () => {
    expect(keyToAction('ArrowDown', items, 'a', expanded)).toEqual({ kind: 'focus', key: 'a/a1' });
    expect(keyToAction('ArrowUp', items, 'a/a1', expanded)).toEqual({ kind: 'focus', key: 'a' });
    expect(keyToAction('ArrowUp', items, 'a', expanded)).toEqual({ kind: 'none' });
    expect(keyToAction('End', items, 'a', expanded)).toEqual({ kind: 'focus', key: 'b' });
    expect(keyToAction('Home', items, 'b', expanded)).toEqual({ kind: 'focus', key: 'a' });
  });
  it('expands, enters, collapses and climbs with right and left', () => {
    const closed = new Set<string>();
    expect(keyToAction('ArrowRight', visibleItems(tree, closed), 'a', closed)).toEqual({
      kind: 'expand',
      key: 'a',
    });
    expect(keyToAction('ArrowRight', items, 'a', expanded)).toEqual({ kind: 'focus', key: 'a/a1' });
    expect(keyToAction('ArrowRight', items, 'a/a1', expanded)).toEqual({ kind: 'none' });
    expect(keyToAction('ArrowLeft', items, 'a', expanded)).toEqual({ kind: 'collapse', key: 'a' });
    expect(keyToAction('ArrowLeft', items, 'a/a2', expanded)).toEqual({ kind: 'focus', key: 'a' });
  });
  it('activates on Enter, checks on Space, and refocuses the first item when focus is lost', () => {
    expect(keyToAction('Enter', items, 'a/a2', expanded)).toEqual({ kind: 'activate', key: 'a/a2' });
    expect(keyToAction(' ', items, 'b', expanded)).toEqual({ kind: 'check', key: 'b' });
    expect(keyToAction('ArrowDown', items, 'gone', expanded)).toEqual({ kind: 'focus', key: 'a' });
  });
});

describe('pathTo', () => {
  it('returns the ancestors down to the node', () => {
    expect(pathTo(tree, 'a2').map((n) => n.id)).toEqual(['a', 'a2']);
    expect(pathTo(tree, 'zz')).toEqual([]);
  });
});

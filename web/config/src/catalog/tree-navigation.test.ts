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
    expect(open.map((i) => [i.node.id, i.level, i.position, i.setSize])).toEqual([
      ['a', 1, 1, 2],
      ['a1', 2, 1, 2],
      ['a2', 2, 2, 2],
      ['b', 1, 2, 2],
    ]);
  });
});

describe('keyToAction', () => {
  const expanded = new Set(['a']);
  const items = visibleItems(tree, expanded);
  it('moves with arrows, Home and End and stops at the ends', () => {
    expect(keyToAction('ArrowDown', items, 'a', expanded)).toEqual({ kind: 'focus', id: 'a1' });
    expect(keyToAction('ArrowUp', items, 'a1', expanded)).toEqual({ kind: 'focus', id: 'a' });
    expect(keyToAction('ArrowUp', items, 'a', expanded)).toEqual({ kind: 'none' });
    expect(keyToAction('End', items, 'a', expanded)).toEqual({ kind: 'focus', id: 'b' });
    expect(keyToAction('Home', items, 'b', expanded)).toEqual({ kind: 'focus', id: 'a' });
  });
  it('expands, enters, collapses and climbs with right and left', () => {
    const closed = new Set<string>();
    expect(keyToAction('ArrowRight', visibleItems(tree, closed), 'a', closed)).toEqual({
      kind: 'expand',
      id: 'a',
    });
    expect(keyToAction('ArrowRight', items, 'a', expanded)).toEqual({ kind: 'focus', id: 'a1' });
    expect(keyToAction('ArrowRight', items, 'a1', expanded)).toEqual({ kind: 'none' });
    expect(keyToAction('ArrowLeft', items, 'a', expanded)).toEqual({ kind: 'collapse', id: 'a' });
    expect(keyToAction('ArrowLeft', items, 'a2', expanded)).toEqual({ kind: 'focus', id: 'a' });
  });
  it('activates on Enter and Space, and refocuses the first item when focus is lost', () => {
    expect(keyToAction('Enter', items, 'a2', expanded)).toEqual({ kind: 'activate', id: 'a2' });
    expect(keyToAction(' ', items, 'b', expanded)).toEqual({ kind: 'activate', id: 'b' });
    expect(keyToAction('ArrowDown', items, 'gone', expanded)).toEqual({ kind: 'focus', id: 'a' });
  });
});

describe('pathTo', () => {
  it('returns the ancestors down to the node', () => {
    expect(pathTo(tree, 'a2').map((n) => n.id)).toEqual(['a', 'a2']);
    expect(pathTo(tree, 'zz')).toEqual([]);
  });
});

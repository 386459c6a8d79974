import type { TreeNode } from '@kpi/web-ui/catalog';

/** A tree item currently on screen (its ancestors are all expanded). */
export interface VisibleItem {
  node: TreeNode;
  /**
   * Unique among the items: the ids from the root joined by `/`. A KPI can sit under several use cases,
   * so its id alone does not name one row.
   */
  key: string;
  /** 1 for top-level items (aria-level). */
  level: number;
  parentKey: string | undefined;
  /** Position among its siblings, from 1 (aria-posinset). */
  position: number;
  /** Number of siblings including itself (aria-setsize). */
  setSize: number;
}

/** The items a user can move through, in display order. */
export function visibleItems(nodes: TreeNode[], expanded: ReadonlySet<string>): VisibleItem[] {
  const out: VisibleItem[] = [];
  const walk = (list: TreeNode[], level: number, parentKey: string | undefined) => {
    list.forEach((node, index) => {
      const key = parentKey === undefined ? node.id : `${parentKey}/${node.id}`;
      out.push({ node, key, level, parentKey, position: index + 1, setSize: list.length });
      if (node.children?.length && expanded.has(node.id)) walk(node.children, level + 1, key);
    });
  };
  walk(nodes, 1, undefined);
  return out;
}

/** What a key press does (WAI-ARIA tree view pattern); `key` names a visible item. */
export type TreeAction =
  | { kind: 'focus'; key: string }
  | { kind: 'expand'; key: string }
  | { kind: 'collapse'; key: string }
  | { kind: 'activate'; key: string }
  | { kind: 'check'; key: string }
  | { kind: 'none' };

const hasChildren = (node: TreeNode) => (node.children?.length ?? 0) > 0;

/**
 * Maps a key on the focused item to an action: ↑/↓ move, → expands or enters, ← collapses or goes
 * to the parent, Home/End jump, Enter activates (select and toggle), Space checks (multi-select tree;
 * a tree without checkboxes treats it as Enter).
 */
export function keyToAction(
  key: string,
  items: VisibleItem[],
  focusedKey: string,
  expanded: ReadonlySet<string>,
): TreeAction {
  const index = items.findIndex((i) => i.key === focusedKey);
  const item = items[index];
  if (!item) return items[0] ? { kind: 'focus', key: items[0].key } : { kind: 'none' };
  const focusAt = (i: number): TreeAction => {
    const target = items[i];
    return target ? { kind: 'focus', key: target.key } : { kind: 'none' };
  };
  switch (key) {
    case 'ArrowDown':
      return focusAt(index + 1);
    case 'ArrowUp':
      return focusAt(index - 1);
    case 'Home':
      return focusAt(0);
    case 'End':
      return focusAt(items.length - 1);
    case 'ArrowRight':
      if (!hasChildren(item.node)) return { kind: 'none' };
      return expanded.has(item.node.id) ? focusAt(index + 1) : { kind: 'expand', key: item.key };
    case 'ArrowLeft':
      if (hasChildren(item.node) && expanded.has(item.node.id)) return { kind: 'collapse', key: item.key };
      return item.parentKey ? { kind: 'focus', key: item.parentKey } : { kind: 'none' };
    case 'Enter':
      return { kind: 'activate', key: item.key };
    case ' ':
      return { kind: 'check', key: item.key };
    default:
      return { kind: 'none' };
  }
}

/** The ids from the root down to `id` (inclusive), or [] when it is not in the tree. */
export function pathTo(nodes: TreeNode[], id: string): TreeNode[] {
  for (const node of nodes) {
    if (node.id === id) return [node];
    const below = pathTo(node.children ?? [], id);
    if (below.length > 0) return [node, ...below];
  }
  return [];
}

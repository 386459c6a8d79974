import type { TreeNode } from '@kpi/web-ui/catalog';

/** A tree item currently on screen (its ancestors are all expanded). */
export interface VisibleItem {
  node: TreeNode;
  /** 1 for top-level items (aria-level). */
  level: number;
  parentId: string | undefined;
  /** Position among its siblings, from 1 (aria-posinset). */
  position: number;
  /** Number of siblings including itself (aria-setsize). */
  setSize: number;
}

/** The items a user can move through, in display order. */
export function visibleItems(nodes: TreeNode[], expanded: ReadonlySet<string>): VisibleItem[] {
  const out: VisibleItem[] = [];
  const walk = (list: TreeNode[], level: number, parentId: string | undefined) => {
    list.forEach((node, index) => {
      out.push({ node, level, parentId, position: index + 1, setSize: list.length });
      if (node.children?.length && expanded.has(node.id)) walk(node.children, level + 1, node.id);
    });
  };
  walk(nodes, 1, undefined);
  return out;
}

/** What a key press does (WAI-ARIA tree view pattern). */
export type TreeAction =
  | { kind: 'focus'; id: string }
  | { kind: 'expand'; id: string }
  | { kind: 'collapse'; id: string }
  | { kind: 'activate'; id: string }
  | { kind: 'none' };

const hasChildren = (node: TreeNode) => (node.children?.length ?? 0) > 0;

/**
 * Maps a key on the focused item to an action: ↑/↓ move, → expands or enters, ← collapses or goes
 * to the parent, Home/End jump, Enter/Space activate (select and toggle).
 */
export function keyToAction(
  key: string,
  items: VisibleItem[],
  focusedId: string,
  expanded: ReadonlySet<string>,
): TreeAction {
  const index = items.findIndex((i) => i.node.id === focusedId);
  const item = items[index];
  if (!item) return items[0] ? { kind: 'focus', id: items[0].node.id } : { kind: 'none' };
  const focusAt = (i: number): TreeAction => {
    const target = items[i];
    return target ? { kind: 'focus', id: target.node.id } : { kind: 'none' };
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
      return expanded.has(item.node.id) ? focusAt(index + 1) : { kind: 'expand', id: item.node.id };
    case 'ArrowLeft':
      if (hasChildren(item.node) && expanded.has(item.node.id)) return { kind: 'collapse', id: item.node.id };
      return item.parentId ? { kind: 'focus', id: item.parentId } : { kind: 'none' };
    case 'Enter':
    case ' ':
      return { kind: 'activate', id: item.node.id };
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

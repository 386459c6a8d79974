import type { TreeNode } from '@kpi/web-ui/catalog';

/** A checkbox's state (`mixed` is aria-checked="mixed"). */
export type CheckState = 'checked' | 'unchecked' | 'mixed';

/** A node's selection: how many of the distinct KPIs below it are selected. */
export interface NodeSelection {
  state: CheckState;
  selected: number;
  total: number;
}

// Nodes are immutable and a filtered tree reuses the unfiltered nodes it keeps whole, so the KPI ids of
// each node object are computed once and remembered for as long as the node lives.
const idsCache = new WeakMap<TreeNode, readonly string[]>();

/**
 * The distinct KPI ids at or below a node, in tree order. A KPI can sit under several use cases; it
 * counts once, as the service counts it.
 */
export function kpiIdsOf(node: TreeNode): readonly string[] {
  const cached = idsCache.get(node);
  if (cached) return cached;
  let ids: readonly string[];
  if (node.kind === 'kpi') ids = [node.id];
  else {
    const set = new Set<string>();
    for (const child of node.children ?? []) for (const id of kpiIdsOf(child)) set.add(id);
    ids = [...set];
  }
  idsCache.set(node, ids);
  return ids;
}

/** How much of a node's KPIs the selection holds, and the checkbox state that follows. */
export function selectionOf(node: TreeNode, selected: ReadonlySet<string>): NodeSelection {
  const ids = kpiIdsOf(node);
  let count = 0;
  for (const id of ids) if (selected.has(id)) count += 1;
  const state: CheckState = count === 0 ? 'unchecked' : count === ids.length ? 'checked' : 'mixed';
  return { state, selected: count, total: ids.length };
}

/**
 * Toggles a node as a tri-state checkbox does: a checked node is cleared, an unchecked or mixed one
 * selects every KPI below it. Acts on the node as displayed — in a filtered tree, the KPIs that match —
 * so what changes is what the user sees. Returns a new set; the input is not changed.
 */
export function toggleNode(node: TreeNode, selected: ReadonlySet<string>): Set<string> {
  const ids = kpiIdsOf(node);
  const next = new Set(selected);
  if (selectionOf(node, selected).state === 'checked') for (const id of ids) next.delete(id);
  else for (const id of ids) next.add(id);
  return next;
}

/** Whether two selections hold the same ids. */
export function sameSelection(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

/** What changed from `saved` to `draft`: ids added and removed. */
export function selectionDiff(
  saved: ReadonlySet<string>,
  draft: ReadonlySet<string>,
): { added: string[]; removed: string[] } {
  return {
    added: [...draft].filter((id) => !saved.has(id)),
    removed: [...saved].filter((id) => !draft.has(id)),
  };
}

/** Selected KPIs per industry (distinct within each), for the selection summary; industries with none left out. */
export function selectedPerIndustry(
  industries: readonly TreeNode[],
  selected: ReadonlySet<string>,
): { id: string; name: string; selected: number; total: number }[] {
  return industries
    .map((industry) => ({ id: industry.id, name: industry.name, ...selectionOf(industry, selected) }))
    .filter((s) => s.selected > 0)
    .map(({ id, name, selected: count, total }) => ({ id, name, selected: count, total }));
}

/**
 * The catalog KPI ids in a selection the service stores: custom KPIs (with `customVersion`) are a separate
 * list that the tree does not touch.
 */
export function catalogKpiIds(
  selectedKpis: readonly { kpiId: string; customVersion?: number }[],
): Set<string> {
  return new Set(selectedKpis.filter((s) => s.customVersion === undefined).map((s) => s.kpiId));
}

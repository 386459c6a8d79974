import type { CatalogTree, TreeNode } from '@kpi/shared/contracts/catalog-tree';

export type { TreeNode } from '@kpi/shared/contracts/catalog-tree';

/** Level of a catalog node: Industry → Value chain → Use case → KPI. */
export type TreeNodeKind = TreeNode['kind'];

/** Body of `GET /metadata/tree` (the metadata service's contract). */
export type CatalogTreeResponse = CatalogTree;

/** API path of the catalog tree, relative to `apiBase`. */
export const catalogTreePath = 'metadata/tree';

/** Human label of each level. */
export const kindLabel: Record<TreeNodeKind, string> = {
  industry: 'Industry',
  valueChain: 'Value chain',
  useCase: 'Use case',
  kpi: 'KPI',
};

/** Result of filtering: the pruned tree and the ids to expand so every match is visible. */
export interface FilteredTree {
  nodes: TreeNode[];
  expand: Set<string>;
  /** Number of nodes whose own name matched. */
  matches: number;
}

const normalise = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/**
 * Keeps the nodes whose name contains `query` (case- and accent-insensitive) with all their
 * descendants, and the ancestors leading to them; counts are recomputed for what stays visible.
 * An empty query returns the tree unchanged.
 */
export function filterTree(nodes: TreeNode[], query: string): FilteredTree {
  const q = normalise(query.trim());
  const expand = new Set<string>();
  if (q === '') return { nodes, expand, matches: 0 };
  let matches = 0;
  const visit = (node: TreeNode): TreeNode | undefined => {
    if (normalise(node.name).includes(q)) {
      matches += 1;
      // Count matches inside a matching subtree too, but keep the subtree whole.
      for (const child of node.children ?? []) visit(child);
      return node;
    }
    const kept = (node.children ?? []).map(visit).filter((n): n is TreeNode => n !== undefined);
    if (kept.length === 0) return undefined;
    expand.add(node.id);
    return { ...node, children: kept, count: kept.reduce((sum, c) => sum + kpiCount(c), 0) };
  };
  const kept = nodes.map(visit).filter((n): n is TreeNode => n !== undefined);
  return { nodes: kept, expand, matches };
}

/** KPIs represented by a node: its count, or 1 for a KPI leaf. */
export function kpiCount(node: TreeNode): number {
  return node.kind === 'kpi' ? 1 : node.count;
}

/** A KPI with the names of the levels above it. */
export interface KpiEntry {
  id: string;
  name: string;
  industry: string;
  valueChain: string;
  useCase: string;
}

/** Lists every KPI leaf with its industry, value chain and use case (depth-first, in tree order). */
export function flattenKpis(industries: TreeNode[]): KpiEntry[] {
  const out: KpiEntry[] = [];
  const walk = (node: TreeNode, path: string[]) => {
    if (node.kind === 'kpi') {
      out.push({
        id: node.id,
        name: node.name,
        industry: path[0] ?? '',
        valueChain: path[1] ?? '',
        useCase: path[2] ?? '',
      });
      return;
    }
    for (const child of node.children ?? []) walk(child, [...path, node.name]);
  };
  for (const industry of industries) walk(industry, []);
  return out;
}

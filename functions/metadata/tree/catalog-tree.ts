/**
 * The catalog as the tree the Config app shows: Industry → Value chain → Use case → KPI, with the number
 * of distinct KPIs under every node, optionally one industry only and/or filtered by a search text (a
 * node matching the text keeps its whole branch; otherwise only matching descendants are kept).
 */
import type { CatalogTree, TreeNode } from '@kpi/shared/contracts/catalog-tree';
import type { Catalog } from '@kpi/shared/domain/catalog/types';

export interface TreeFilter {
  industry?: string;
  search?: string;
}

export function catalogTree(catalog: Catalog, filter: TreeFilter): CatalogTree {
  const needle = filter.search?.trim().toLowerCase() || undefined;
  const matches = (name: string) => needle === undefined || name.toLowerCase().includes(needle);
  const kpiName = new Map(catalog.kpis.map((k) => [k.id, k.name]));
  const stagesOf = groupBy(catalog.stages, (s) => s.industryId);
  const useCasesOf = groupBy(catalog.useCases, (u) => u.stageId);
  const distinct = new Set<string>();

  const industries: TreeNode[] = [];
  for (const industry of catalog.industries) {
    if (filter.industry && industry.id !== filter.industry) continue;
    const industryHit = matches(industry.name);
    const stages: TreeNode[] = [];
    for (const stage of [...(stagesOf.get(industry.id) ?? [])].sort((a, b) => a.order - b.order)) {
      const stageHit = industryHit || matches(stage.name);
      const useCases: TreeNode[] = [];
      for (const useCase of useCasesOf.get(stage.id) ?? []) {
        const useCaseHit = stageHit || matches(useCase.name);
        const kpis: TreeNode[] = [];
        for (const id of useCase.kpiIds) {
          const name = kpiName.get(id);
          if (name === undefined || !(useCaseHit || matches(name))) continue;
          kpis.push({ id, name, kind: 'kpi', count: 1 });
        }
        if (kpis.length) useCases.push(branch(useCase.id, useCase.name, 'useCase', kpis));
      }
      if (useCases.length) stages.push(branch(stage.id, stage.name, 'valueChain', useCases));
    }
    if (stages.length) {
      const node = branch(industry.id, industry.name, 'industry', stages);
      industries.push(node);
    }
  }
  for (const industry of industries) collectKpis(industry, distinct);
  return { catalogVersion: catalog.catalogVersion, kpiCount: distinct.size, industries };
}

/** A node whose count is the number of distinct KPIs below it. */
function branch(id: string, name: string, kind: TreeNode['kind'], children: TreeNode[]): TreeNode {
  const ids = new Set<string>();
  for (const child of children) collectKpis(child, ids);
  return { id, name, kind, count: ids.size, children };
}

function collectKpis(node: TreeNode, into: Set<string>): void {
  if (node.kind === 'kpi') into.add(node.id);
  else for (const child of node.children ?? []) collectKpis(child, into);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

import { indexCatalog } from './load-catalog';
import type { Catalog, KpiDefinition } from './types';

/** One node of the catalog tree (same shape as the metadata service's `TreeNode` contract). */
export interface TreeNode {
  readonly id: string;
  readonly name: string;
  readonly kind: 'industry' | 'valueChain' | 'useCase' | 'kpi';
  /** Distinct KPIs below the node (1 for a KPI leaf). */
  readonly count: number;
  readonly children?: readonly TreeNode[];
}

export interface CatalogTree {
  readonly catalogVersion: string;
  /** Distinct KPIs in the (filtered) tree: a KPI shared by several use cases counts once. */
  readonly kpiCount: number;
  readonly industries: readonly TreeNode[];
}

export interface TreeFilter {
  /** Only this industry's branch. */
  readonly industry?: string;
  /**
   * Case-insensitive search. Every whitespace-separated term must occur in the KPI's name, id,
   * description or tags, or in the name of one of its ancestors (so "retail margin" finds the
   * margin KPIs under Retail). Empty branches are pruned.
   */
  readonly search?: string;
}

const kpiText = (k: KpiDefinition) => `${k.name} ${k.id} ${k.description} ${k.tags.join(' ')}`.toLowerCase();

/** Builds the tree Industry → Value chain → Use case → KPI with counts at every level. */
export function buildTree(catalog: Catalog, filter: TreeFilter = {}): CatalogTree {
  const index = indexCatalog(catalog);
  const terms = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const all = new Set<string>();
  const industries: TreeNode[] = [];
  for (const industry of catalog.industries) {
    if (filter.industry && industry.id !== filter.industry) continue;
    const industryText = industry.name.toLowerCase();
    const industryKpis = new Set<string>();
    const stages: TreeNode[] = [];
    for (const stage of index.stagesByIndustry.get(industry.id) ?? []) {
      const stageText = `${industryText} ${stage.name.toLowerCase()}`;
      const stageKpis = new Set<string>();
      const useCases: TreeNode[] = [];
      for (const useCase of index.useCasesByStage.get(stage.id) ?? []) {
        const pathText = `${stageText} ${useCase.name.toLowerCase()}`;
        const kpis: TreeNode[] = [];
        for (const id of useCase.kpiIds) {
          const kpi = index.kpis.get(id);
          if (!kpi) continue;
          if (terms.length) {
            const text = `${pathText} ${kpiText(kpi)}`;
            if (!terms.every((t) => text.includes(t))) continue;
          }
          kpis.push({ id, name: kpi.name, kind: 'kpi', count: 1 });
          stageKpis.add(id);
          industryKpis.add(id);
          all.add(id);
        }
        if (kpis.length)
          useCases.push({
            id: useCase.id,
            name: useCase.name,
            kind: 'useCase',
            count: kpis.length,
            children: kpis,
          });
      }
      if (useCases.length)
        stages.push({
          id: stage.id,
          name: stage.name,
          kind: 'valueChain',
          count: stageKpis.size,
          children: useCases,
        });
    }
    if (stages.length) {
      industries.push({
        id: industry.id,
        name: industry.name,
        kind: 'industry',
        count: industryKpis.size,
        children: stages,
      });
    }
  }
  return { catalogVersion: catalog.catalogVersion, kpiCount: all.size, industries };
}

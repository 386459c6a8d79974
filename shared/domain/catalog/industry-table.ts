import type { Industry, UseCase, ValueChainStage } from './types';

export interface IndustryDefinition {
  readonly industry: Industry;
  readonly stages: readonly ValueChainStage[];
  readonly useCases: readonly UseCase[];
}

/**
 * Parses an industry's value chain from a compact table:
 *
 *   == stage-slug | Stage name | description
 *   - use-case-slug | Use case name | description | kpi-id kpi-id ...
 *
 * Ids are prefixed with the industry id (`manufacturing.make`, `manufacturing.make.oee`) so they stay
 * unique across industries, while KPI ids are shared references into the KPI list.
 */
export function industryTable(industry: Industry, text: string): IndustryDefinition {
  const stages: ValueChainStage[] = [];
  const useCases: UseCase[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('==')) {
      const [slug, name, description] = line
        .slice(2)
        .split('|')
        .map((c) => c.trim());
      if (!slug || !name || !description) throw new Error(`CATALOG.BAD_STAGE: ${line}`);
      stages.push({
        id: `${industry.id}.${slug}`,
        industryId: industry.id,
        name,
        description,
        order: stages.length,
      });
    } else if (line.startsWith('-')) {
      const stage = stages[stages.length - 1];
      const [slug, name, description, kpis] = line
        .slice(1)
        .split('|')
        .map((c) => c.trim());
      if (!stage || !slug || !name || !description || !kpis) throw new Error(`CATALOG.BAD_USE_CASE: ${line}`);
      useCases.push({
        id: `${stage.id}.${slug}`,
        stageId: stage.id,
        name,
        description,
        kpiIds: kpis.split(/\s+/),
      });
    } else throw new Error(`CATALOG.BAD_INDUSTRY_TABLE: ${line}`);
  }
  return { industry, stages, useCases };
}

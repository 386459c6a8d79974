/**
 * Completeness: which of the deployment's entitled KPIs the mappings make ready, partial or blocked, by the
 * required-objects analysis (shared/domain/analysis) with the mapped object fields as the provided ones.
 * `completenessChange` tells what one drop (or one mapping) buys.
 */
import type { CompletenessResult, KpiCompleteness, Mapping } from '@kpi/shared/contracts/mapping';
import { analyseRequiredObjects, type ProvidingSource } from '../analysis/required-objects';
import type { Requirements } from '../formula/requirements';

/** What one mapping provides: its source, object and mapped fields (drafts or published, the caller's choice). */
export type MappedObject = Pick<Mapping, 'sourceId' | 'object'> & {
  readonly fields: Readonly<Record<string, unknown>> | readonly string[];
};

/** Mappings grouped into the analysis's providing sources (one per source id). */
export function providingSources(mappings: readonly MappedObject[]): ProvidingSource[] {
  const bySource = new Map<string, Map<string, Set<string>>>();
  for (const m of mappings) {
    const objects = bySource.get(m.sourceId) ?? new Map<string, Set<string>>();
    bySource.set(m.sourceId, objects);
    const fields = objects.get(m.object) ?? new Set<string>();
    objects.set(m.object, fields);
    for (const f of Array.isArray(m.fields) ? m.fields : Object.keys(m.fields)) fields.add(f);
  }
  return [...bySource].map(([id, objects]) => ({
    id,
    name: id,
    objects: [...objects].map(([name, fields]) => ({ name, fields: [...fields].map((f) => ({ name: f })) })),
  }));
}

/**
 * Per entitled KPI (in the given order): ready (every required field mapped), partial (every object mapped,
 * fields missing), blocked (an object unmapped, or the KPI unknown), with what is missing.
 */
export function mappingCompleteness(
  kpiIds: readonly string[],
  requirementsOf: (kpiId: string) => Requirements | null,
  mappings: readonly MappedObject[],
): CompletenessResult {
  const analysis = analyseRequiredObjects(kpiIds, requirementsOf, providingSources(mappings));
  const kpis = analysis.kpis.map(
    (k): KpiCompleteness => ({
      kpiId: k.kpiId,
      status: k.status,
      missingObjects: [...k.missingObjects],
      missingFields: k.missing.map((m) => ({ object: m.object, field: m.field })),
      ...(k.problem ? { problem: k.problem } : {}),
    }),
  );
  const { ready, partial, blocked } = analysis.summary;
  return { kpis, summary: { ready, partial, blocked } };
}

export interface CompletenessChange {
  readonly kpiId: string;
  readonly from: KpiCompleteness['status'];
  readonly to: KpiCompleteness['status'];
}

/** KPIs whose status differs between two results (what a drop or a mapping buys, or costs). */
export function completenessChange(
  before: CompletenessResult,
  after: CompletenessResult,
): CompletenessChange[] {
  const was = new Map(before.kpis.map((k) => [k.kpiId, k.status]));
  return after.kpis
    .filter((k) => was.has(k.kpiId) && was.get(k.kpiId) !== k.status)
    .map((k) => ({ kpiId: k.kpiId, from: was.get(k.kpiId) as KpiCompleteness['status'], to: k.status }));
}

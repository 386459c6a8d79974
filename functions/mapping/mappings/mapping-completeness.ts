/**
 * Completeness of the deployment's entitled KPIs with the mappings as drafted (or as published), and what
 * each mapping buys: the KPIs whose status would fall back without it.
 */
import type { Mapping } from '@kpi/shared/contracts/mapping';
import type { MappingCompleteness } from '@kpi/shared/contracts/mapping-app';
import type { Requirements } from '@kpi/shared/domain/formula/requirements';
import { completenessChange, mappingCompleteness } from '@kpi/shared/domain/mapping/index';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { catalogOf } from './mapping-context';
import type { MappingDeps } from './mapping-deps';

export async function completenessOf(
  deps: MappingDeps,
  scope: TenantScope,
  basis: 'draft' | 'published',
): Promise<MappingCompleteness> {
  const snapshot = await catalogOf(deps);
  const [live, drafts] = await Promise.all([
    deps.mappings.listLive(scope, {}),
    basis === 'draft' ? deps.mappings.listDrafts(scope, {}) : Promise.resolve([]),
  ]);
  const byId = new Map<string, Mapping>(live.map((m) => [m.id, m]));
  for (const d of drafts) byId.set(d.id, d);
  const mappings = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const kpiIds = [...snapshot.selected].sort();
  const requirementsOf = (kpiId: string) =>
    (snapshot.kpis.get(kpiId)?.requirements as Requirements | undefined) ?? null;
  const all = mappingCompleteness(kpiIds, requirementsOf, mappings);
  return {
    ...all,
    basis,
    mappings: mappings.map((m) => ({
      mappingId: m.id,
      sourceId: m.sourceId,
      stream: m.stream,
      object: m.object,
      buys: completenessChange(
        mappingCompleteness(
          kpiIds,
          requirementsOf,
          mappings.filter((x) => x !== m),
        ),
        all,
      ).map((c) => ({ kpiId: c.kpiId, from: c.from, to: c.to })),
    })),
  };
}

/** The catalog objects the entitled KPIs need, with their fields (the mapping UI's right-hand side). */
export async function objectsOf(deps: MappingDeps) {
  const snapshot = await catalogOf(deps);
  return {
    items: [...snapshot.objects.values()]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((o) => ({
        name: o.name,
        label: o.label,
        primaryKey: [...o.primaryKey],
        ...(o.timeField ? { timeField: o.timeField } : {}),
        fields: o.fields.map((f) => ({
          name: f.name,
          type: f.type,
          description: f.description,
          required: f.required,
          ...(f.values ? { values: [...f.values] } : {}),
        })),
      })),
  };
}

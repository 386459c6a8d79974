/**
 * A catalog snapshot for one client deployment: the definitions of its selected KPIs (plus the KPIs they
 * reference with `kpi('...')`, which the client must compute too), the data objects they need, and their
 * requirements. Pure and deterministic — no timestamps — so that the same content signs to the same JWS
 * and the ETag only changes when the content does.
 */
import type { CustomKpiVersion } from '@kpi/shared/contracts/metadata-custom-kpi';
import type { DataObject, KpiDefinition } from '@kpi/shared/domain/catalog/types';
import type { Requirements } from '@kpi/shared/domain/formula/requirements';
import type { CatalogViews } from '../catalog/catalog-views';

export const SNAPSHOT_TYPE = 'kpi-catalog-snapshot+jwt';

export interface SnapshotKpi extends Omit<KpiDefinition, 'standard'> {
  readonly standard?: KpiDefinition['standard'];
  readonly source: 'catalog' | 'custom';
  /** Published version (custom KPIs only). */
  readonly version?: number;
  /** False for a KPI included only because a selected one references it. */
  readonly selected: boolean;
  readonly requirements: Requirements;
}

export interface CatalogSnapshot {
  readonly tenantId: string;
  readonly deploymentId: string;
  readonly licenseId: string;
  readonly catalogVersion: string;
  readonly kpis: readonly SnapshotKpi[];
  readonly objects: readonly DataObject[];
  /** Selected ids neither in the catalog nor among the tenant's published custom KPIs. */
  readonly unknownKpiIds: readonly string[];
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildSnapshot(input: {
  views: CatalogViews;
  tenantId: string;
  deploymentId: string;
  licenseId: string;
  selected: readonly string[];
  /** The tenant's published custom KPIs (latest version each), by id. */
  custom: ReadonlyMap<string, CustomKpiVersion>;
}): CatalogSnapshot {
  const { views } = input;
  const selected = new Set(input.selected);
  const kpis = new Map<string, SnapshotKpi>();
  const unknown: string[] = [];
  const add = (id: string, isSelected: boolean) => {
    if (kpis.has(id)) return;
    const custom = input.custom.get(id);
    if (custom) {
      kpis.set(id, {
        id,
        ...custom.definition,
        source: 'custom',
        version: custom.version,
        selected: isSelected,
        requirements: custom.requirements as Requirements,
      });
      for (const ref of custom.requirements.kpis) add(ref, selected.has(ref));
      return;
    }
    const kpi = views.index.kpis.get(id);
    if (!kpi) {
      unknown.push(id);
      return;
    }
    const { requirements } = views.kpiDetail(id);
    kpis.set(id, { ...kpi, source: 'catalog', selected: isSelected, requirements });
    for (const ref of requirements.kpis) add(ref, selected.has(ref));
  };
  for (const id of [...selected].sort(byCode)) add(id, true);
  const objectNames = new Set<string>();
  for (const k of kpis.values()) for (const o of k.requirements.objects) objectNames.add(o.name);
  const objects = [...objectNames]
    .sort(byCode)
    .map((n) => views.index.objects.get(n))
    .filter((o): o is DataObject => o !== undefined);
  return {
    tenantId: input.tenantId,
    deploymentId: input.deploymentId,
    licenseId: input.licenseId,
    catalogVersion: views.catalogVersion,
    kpis: [...kpis.values()].sort((a, b) => byCode(a.id, b.id)),
    objects,
    unknownKpiIds: unknown.sort(byCode),
  };
}

/**
 * A platform admin edits a global catalog KPI: the formula must check (422 otherwise), the edit is stored as
 * an override (see catalog-documents.ts), audited in the `_global` partition of `catalog-audit`, and the
 * resulting effective catalog version is announced with `catalog.published`.
 */
import type { CustomKpiDefinition } from '@kpi/shared/contracts/metadata-custom-kpi';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { notFound } from '@kpi/shared/platform/errors';
import { topicName } from '@kpi/shared/platform/servicebus/entity-names';
import type { EventPublisher } from '@kpi/shared/platform/servicebus/ports';
import type { AuditLog } from '../custom-kpis/audit-log';
import { diffDefinitions } from '../custom-kpis/definition-diff';
import { validateFormula } from '../formulas/validate-formula';
import { GLOBAL_TENANT, overrideId } from './catalog-documents';
import type { CatalogStore } from './catalog-store';
import type { KpiDetail } from './catalog-views';
import type { CurrentCatalog } from './current-catalog';

export interface EditGlobalKpiDeps {
  store: Pick<CatalogStore, 'saveOverride'>;
  catalog: Pick<CurrentCatalog, 'views' | 'invalidate'>;
  audit: Pick<AuditLog, 'record'>;
  publisher: EventPublisher;
  clock: () => Date;
}

export async function editGlobalKpi(
  deps: EditGlobalKpiDeps,
  caller: Caller,
  kpiId: string,
  definition: CustomKpiDefinition,
): Promise<KpiDetail> {
  const views = await deps.catalog.views();
  const current = views.index.kpis.get(kpiId);
  if (!current) throw notFound('CATALOG.KPI_NOT_FOUND', `No KPI ${kpiId} in the catalog`);
  validateFormula(views.engine, definition.formula, kpiId);
  const { standard: _standard, id: _id, ...before } = current;
  const changes = diffDefinitions({ ...before } as CustomKpiDefinition, definition);
  if (!changes.length) return views.kpiDetail(kpiId);
  const at = deps.clock().toISOString();
  await deps.store.saveOverride({
    id: overrideId(kpiId),
    tenantId: GLOBAL_TENANT,
    kind: 'override',
    kpiId,
    definition,
    updatedBy: caller.email,
    updatedAt: at,
  });
  deps.catalog.invalidate();
  const next = await deps.catalog.views();
  await deps.audit.record(scopeFor(caller, GLOBAL_TENANT), caller, 'catalog-kpi.updated', kpiId, {
    changes,
    at,
  });
  await deps.publisher.publish(topicName('catalog-events'), {
    type: 'catalog.published',
    subject: next.catalogVersion,
    messageId: `catalog.published:${next.catalogVersion}`,
    data: {
      catalogVersion: next.catalogVersion,
      kpiCount: next.catalog.kpis.length,
      publishedBy: caller.email,
    },
  });
  return next.kpiDetail(kpiId);
}

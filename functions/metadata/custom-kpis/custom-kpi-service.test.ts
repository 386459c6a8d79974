import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import type { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { MemoryEventPublisher } from '@kpi/shared/platform/servicebus/memory-ports';
import { describe, expect, it } from 'vitest';
import { CatalogViews } from '../catalog/catalog-views';
import { AuditLog } from './audit-log';
import { CustomKpiService, MAX_CUSTOM_KPIS } from './custom-kpi-service';

const views = new CatalogViews(loadCatalog());
const actor = { subject: 's', email: 'eddie@contoso.example', name: 'Eddie' };
const definition = {
  name: 'X',
  description: '',
  formula: 'count(Shipment)',
  unit: 'count' as const,
  unitLabel: '',
  format: ',.0f',
  direction: 'higher-is-better' as const,
  target: 1,
  thresholds: { good: 1, warning: 0, critical: -1 },
  timeGrain: 'month' as const,
  dimensions: [],
  tags: [],
};

/** A service whose KPI repository holds `existing` items; writes are recorded, never expected here. */
function service(existing: number) {
  const writes: unknown[] = [];
  const repo = {
    count: async () => existing,
    create: async (_s: unknown, item: unknown) => {
      writes.push(item);
      return { item, etag: '"1"' };
    },
  } as unknown as TenantRepository<never>;
  const svc = new CustomKpiService({
    kpis: repo,
    versions: repo,
    audit: new AuditLog(
      repo,
      () => new Date('2026-11-26T12:00:00Z'),
      () => 'id',
    ),
    catalog: { views: async () => views },
    publisher: new MemoryEventPublisher(),
    clock: () => new Date('2026-11-26T12:00:00Z'),
  });
  return { svc, writes };
}

describe('CustomKpiService.create', () => {
  const scope = () => systemScope('contoso', 'test');

  it(`refuses more than ${MAX_CUSTOM_KPIS} custom KPIs per tenant`, async () => {
    const { svc, writes } = service(MAX_CUSTOM_KPIS);
    await expect(svc.create(scope(), actor, { id: 'x-kpi', ...definition })).rejects.toMatchObject({
      code: 'CUSTOM_KPI.LIMIT',
      httpStatus: 409,
    });
    expect(writes).toEqual([]);
  });

  it('refuses a catalog id, and writes the draft and its audit entry otherwise', async () => {
    const { svc, writes } = service(3);
    await expect(svc.create(scope(), actor, { id: 'otif-rate', ...definition })).rejects.toMatchObject({
      code: 'CUSTOM_KPI.ID_TAKEN',
    });
    await svc.create(scope(), actor, { id: 'x-kpi', ...definition });
    expect(writes).toMatchObject([
      { id: 'x-kpi', status: 'draft', createdBy: actor.email, changedSincePublish: true },
      { action: 'custom-kpi.created', kpiId: 'x-kpi', actor: { email: actor.email } },
    ]);
  });
});

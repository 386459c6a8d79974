/** The metadata app's adapters, created once per process on first use. */
import { randomBytes } from 'node:crypto';
import {
  auditEntrySchema,
  customKpiSchema,
  customKpiVersionSchema,
} from '@kpi/shared/contracts/metadata-custom-kpi';
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { ServiceBusEventPublisher } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { catalogItemSchema } from './catalog/catalog-documents';
import { CatalogStore } from './catalog/catalog-store';
import { CurrentCatalog } from './catalog/current-catalog';
import { config } from './config';
import { CustomKpiService } from './custom-kpis/custom-kpi-service';
import { tenantInfoSchema } from './formulas/tenant-industry';
import { TreeService } from './tree/tree-service';

// Checked at module load: an undeclared name stops the app at start-up.
const containers = {
  catalog: containerName('catalog'),
  tenants: containerName('tenants'),
  customKpis: containerName('custom-kpis'),
  versions: containerName('custom-kpi-versions'),
  audit: containerName('catalog-audit'),
};

function create() {
  const c = config();
  const database = cosmosClient(c.cosmos).database(c.cosmosDatabase);
  const store = new CatalogStore(
    new GlobalRepository({
      container: database.container(containers.catalog),
      schema: catalogItemSchema,
      entity: 'CATALOG_ITEM',
      partitionKeyPath: '/tenantId',
    }),
  );
  const catalog = new CurrentCatalog(store);
  const publisher = ServiceBusEventPublisher.fromConnection(c.serviceBus);
  return {
    store,
    tree: new TreeService(store),
    catalog,
    /** Read only: the tenant's industry (for previews on sample data). */
    tenants: new TenantRepository({
      container: database.container(containers.tenants),
      schema: tenantInfoSchema,
      entity: 'TENANT',
    }),
    publisher,
    customKpis: new CustomKpiService({
      kpis: new TenantRepository({
        container: database.container(containers.customKpis),
        schema: customKpiSchema,
        entity: 'CUSTOM_KPI',
      }),
      versions: new TenantRepository({
        container: database.container(containers.versions),
        schema: customKpiVersionSchema,
        entity: 'CUSTOM_KPI_VERSION',
      }),
      audit: new TenantRepository({
        container: database.container(containers.audit),
        schema: auditEntrySchema,
        entity: 'CATALOG_AUDIT',
      }),
      catalog,
      publisher,
      clock: () => new Date(),
      newId: () => randomBytes(6).toString('base64url'),
    }),
  };
}

export type Dependencies = ReturnType<typeof create>;

let deps: Dependencies | undefined;

export function dependencies(): Dependencies {
  deps ??= create();
  return deps;
}

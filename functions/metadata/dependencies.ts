/** The metadata app's adapters, created once per process on first use. */
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { ServiceBusEventPublisher } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { catalogItemSchema } from './catalog/catalog-documents';
import { CatalogStore } from './catalog/catalog-store';
import { CurrentCatalog } from './catalog/current-catalog';
import { config } from './config';
import { tenantInfoSchema } from './formulas/tenant-industry';
import { TreeService } from './tree/tree-service';

// Checked at module load: an undeclared name stops the app at start-up.
const containers = {
  catalog: containerName('catalog'),
  tenants: containerName('tenants'),
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
  return {
    store,
    tree: new TreeService(store),
    catalog: new CurrentCatalog(store),
    /** Read only: the tenant's industry (for previews on sample data). */
    tenants: new TenantRepository({
      container: database.container(containers.tenants),
      schema: tenantInfoSchema,
      entity: 'TENANT',
    }),
    publisher: ServiceBusEventPublisher.fromConnection(c.serviceBus),
  };
}

export type Dependencies = ReturnType<typeof create>;

let deps: Dependencies | undefined;

export function dependencies(): Dependencies {
  deps ??= create();
  return deps;
}

/** The metadata app's adapters, created once per process on first use. */
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import { ServiceBusEventPublisher } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { catalogItemSchema } from './catalog/catalog-documents';
import { CatalogStore } from './catalog/catalog-store';
import { config } from './config';
import { TreeService } from './tree/tree-service';

let deps: { store: CatalogStore; tree: TreeService; publisher: ServiceBusEventPublisher } | undefined;

export function dependencies() {
  if (!deps) {
    const c = config();
    const container = cosmosClient(c.cosmos).database(c.cosmosDatabase).container(containerName('catalog'));
    const store = new CatalogStore(
      new GlobalRepository({
        container,
        schema: catalogItemSchema,
        entity: 'CATALOG_ITEM',
        partitionKeyPath: '/tenantId',
      }),
    );
    deps = {
      store,
      tree: new TreeService(store),
      publisher: ServiceBusEventPublisher.fromConnection(c.serviceBus),
    };
  }
  return deps;
}

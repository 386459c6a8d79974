/**
 * Publishes the catalog shipped with this build: imports it (idempotent by version) and announces it with
 * `catalog.published` so that other services (monitoring today; client deployments through their snapshot
 * later) learn of it.
 */
import type { Catalog } from '@kpi/shared/domain/catalog/types';
import { topicName } from '@kpi/shared/platform/servicebus/entity-names';
import type { EventPublisher } from '@kpi/shared/platform/servicebus/ports';
import type { CatalogStore } from './catalog-store';

export interface PublishResult {
  catalogVersion: string;
  kpiCount: number;
  imported: boolean;
}

/** What publishing needs: the catalog store's import and the event publisher. */
export interface PublishCatalogDeps {
  store: Pick<CatalogStore, 'import'>;
  publisher: EventPublisher;
}

export async function publishCatalog(
  deps: PublishCatalogDeps,
  catalog: Catalog,
  publishedBy: string,
): Promise<PublishResult> {
  const outcome = await deps.store.import(catalog);
  await deps.publisher.publish(topicName('catalog-events'), {
    type: 'catalog.published',
    subject: catalog.catalogVersion,
    data: { catalogVersion: catalog.catalogVersion, kpiCount: catalog.kpis.length, publishedBy },
  });
  return {
    catalogVersion: catalog.catalogVersion,
    kpiCount: catalog.kpis.length,
    imported: outcome === 'imported',
  };
}

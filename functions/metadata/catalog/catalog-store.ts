/** Reads and writes the global catalog in Cosmos (layout in catalog-documents.ts). */
import type { Catalog } from '@kpi/shared/domain/catalog/types';
import type { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import {
  type CatalogDocument,
  type CatalogItem,
  fromDocuments,
  GLOBAL_TENANT,
  type OverrideDocument,
  POINTER_ID,
  type PointerDocument,
  toDocuments,
} from './catalog-documents';

/** Writes in flight during an import: enough to hide round trips, few enough not to flood the account. */
const WRITE_CONCURRENCY = 16;

export class CatalogStore {
  constructor(private readonly items: GlobalRepository<CatalogItem>) {}

  /** The current catalog version, or undefined before the first import. */
  async currentPointer(): Promise<PointerDocument | undefined> {
    const item = await this.items.get(POINTER_ID, GLOBAL_TENANT);
    return item?.kind === 'pointer' ? item : undefined;
  }

  /** Every item of one catalog version, rebuilt as a catalog. */
  async read(catalogVersion: string): Promise<Catalog> {
    const docs: CatalogDocument[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.items.query(
        {
          where: 'c.catalogVersion = @v AND c.kind != @pointer',
          parameters: [
            { name: '@v', value: catalogVersion },
            { name: '@pointer', value: 'pointer' },
          ],
        },
        { partitionKey: GLOBAL_TENANT, maxItemCount: 100, continuationToken },
      );
      for (const item of page.items) if (item.kind !== 'pointer' && item.kind !== 'override') docs.push(item);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return fromDocuments(catalogVersion, docs);
  }

  /** Every global KPI override (few: one per edited KPI). */
  async overrides(): Promise<OverrideDocument[]> {
    const out: OverrideDocument[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.items.query(
        { where: 'c.kind = @kind', parameters: [{ name: '@kind', value: 'override' }], orderBy: 'c.id' },
        { partitionKey: GLOBAL_TENANT, maxItemCount: 100, continuationToken },
      );
      for (const item of page.items) if (item.kind === 'override') out.push(item);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return out;
  }

  /** Creates or replaces the override of one global KPI. */
  async saveOverride(override: OverrideDocument): Promise<void> {
    await this.items.upsert(override);
  }

  /**
   * Writes a catalog and makes it current. Idempotent: a catalog whose version is already current is not
   * written again. The pointer moves last, so readers never see a half-written version.
   */
  async import(catalog: Catalog, now: Date = new Date()): Promise<'imported' | 'unchanged'> {
    const pointer = await this.currentPointer();
    if (pointer?.catalogVersion === catalog.catalogVersion) return 'unchanged';
    const docs = toDocuments(catalog);
    for (let i = 0; i < docs.length; i += WRITE_CONCURRENCY) {
      await Promise.all(docs.slice(i, i + WRITE_CONCURRENCY).map((d) => this.items.upsert(d)));
    }
    await this.items.upsert({
      id: POINTER_ID,
      tenantId: GLOBAL_TENANT,
      kind: 'pointer',
      catalogVersion: catalog.catalogVersion,
      kpiCount: catalog.kpis.length,
      importedAt: now.toISOString(),
    });
    return 'imported';
  }
}

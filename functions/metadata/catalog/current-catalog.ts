/**
 * The current catalog version's `CatalogViews`, kept in memory: built once per version, with a pointer read
 * every few seconds to notice a newly published version (also one published by another instance).
 */
import { notFound } from '@kpi/shared/platform/errors';
import type { CatalogStore } from './catalog-store';
import { CatalogViews } from './catalog-views';

/** How long loaded views are trusted before the pointer is read again. */
const RECHECK_MS = 5_000;

export class CurrentCatalog {
  private loaded: CatalogViews | undefined;
  private checkedAt = 0;
  private pending: Promise<CatalogViews> | undefined;

  constructor(
    private readonly store: Pick<CatalogStore, 'currentPointer' | 'read'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The views of the current version; 404 `CATALOG.NOT_SEEDED` before the first import. */
  async views(): Promise<CatalogViews> {
    if (this.loaded && this.now() - this.checkedAt < RECHECK_MS) return this.loaded;
    // One reload at a time: concurrent requests share it.
    this.pending ??= this.reload().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async reload(): Promise<CatalogViews> {
    const pointer = await this.store.currentPointer();
    if (!pointer) throw notFound('CATALOG.NOT_SEEDED', 'No catalog has been imported yet');
    if (this.loaded?.catalogVersion !== pointer.catalogVersion) {
      this.loaded = new CatalogViews(await this.store.read(pointer.catalogVersion));
    }
    this.checkedAt = this.now();
    return this.loaded;
  }
}

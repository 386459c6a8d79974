/**
 * The catalog tree, served from memory: the current catalog is loaded once per version and the
 * unfiltered tree is built once, so a tree request costs a lookup (and a pointer read every few seconds
 * to notice a newly published version, also from other instances).
 */
import { buildTree, type CatalogTree } from '@kpi/shared/domain/catalog/tree';
import type { Catalog } from '@kpi/shared/domain/catalog/types';
import { notFound } from '@kpi/shared/platform/errors';
import { weakEtag } from '@kpi/shared/platform/http/etag';
import type { CatalogStore } from '../catalog/catalog-store';

/** How long a loaded catalog is trusted before the pointer is read again. */
const RECHECK_MS = 5_000;

interface Loaded {
  catalog: Catalog;
  /** The unfiltered tree, serialised once per catalog version. */
  fullJson: string;
  etag: string;
}

export interface TreeQuery {
  industry?: string;
  search?: string;
}

export class TreeService {
  private loaded: Loaded | undefined;
  private checkedAt = 0;
  private pending: Promise<Loaded> | undefined;

  constructor(
    private readonly store: CatalogStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The tree as JSON text with its ETag: the unfiltered one from memory, a filtered one built per call. */
  async tree(query: TreeQuery): Promise<{ json: string; etag: string }> {
    const loaded = await this.current();
    const search = query.search?.trim();
    if (!query.industry && !search) return { json: loaded.fullJson, etag: loaded.etag };
    if (query.industry && !loaded.catalog.industries.some((i) => i.id === query.industry)) {
      throw notFound('CATALOG.INDUSTRY_NOT_FOUND', `No industry ${query.industry} in the catalog`);
    }
    const json = JSON.stringify(buildTree(loaded.catalog, { industry: query.industry, search }));
    return { json, etag: weakEtag(json) };
  }

  private async current(): Promise<Loaded> {
    if (this.loaded && this.now() - this.checkedAt < RECHECK_MS) return this.loaded;
    // One reload at a time: concurrent requests share it.
    this.pending ??= this.reload().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async reload(): Promise<Loaded> {
    const pointer = await this.store.currentPointer();
    if (!pointer) throw notFound('CATALOG.NOT_SEEDED', 'No catalog has been imported yet');
    if (this.loaded?.catalog.catalogVersion !== pointer.catalogVersion) {
      const catalog = await this.store.read(pointer.catalogVersion);
      const fullJson = JSON.stringify(buildTree(catalog) satisfies CatalogTree);
      this.loaded = { catalog, fullJson, etag: weakEtag(fullJson) };
    }
    this.checkedAt = this.now();
    return this.loaded;
  }
}

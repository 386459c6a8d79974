/**
 * The catalog tree, served from memory: the unfiltered tree is built and serialised once per (effective)
 * catalog version from the current `CatalogViews`, so a tree request costs a lookup.
 */
import { buildTree, type CatalogTree } from '@kpi/shared/domain/catalog/tree';
import { notFound } from '@kpi/shared/platform/errors';
import { weakEtag } from '@kpi/shared/platform/http/etag';
import type { CatalogViews } from '../catalog/catalog-views';

export interface TreeQuery {
  industry?: string;
  search?: string;
}

/** The catalog tree as JSON text with its ETag (the port the tree route calls). */
export interface CatalogTreeSource {
  tree(query: TreeQuery): Promise<{ json: string; etag: string }>;
}

export class TreeService implements CatalogTreeSource {
  /** The unfiltered tree of the views it was built from, serialised once. */
  private full: { views: CatalogViews; json: string; etag: string } | undefined;

  constructor(private readonly catalog: { views(): Promise<CatalogViews> }) {}

  /** The tree as JSON text with its ETag: the unfiltered one from memory, a filtered one built per call. */
  async tree(query: TreeQuery): Promise<{ json: string; etag: string }> {
    const views = await this.catalog.views();
    const search = query.search?.trim();
    if (!query.industry && !search) {
      if (this.full?.views !== views) {
        const json = JSON.stringify(buildTree(views.catalog) satisfies CatalogTree);
        this.full = { views, json, etag: weakEtag(json) };
      }
      return { json: this.full.json, etag: this.full.etag };
    }
    if (query.industry && !views.index.industries.has(query.industry)) {
      throw notFound('CATALOG.INDUSTRY_NOT_FOUND', `No industry ${query.industry} in the catalog`);
    }
    const json = JSON.stringify(buildTree(views.catalog, { industry: query.industry, search }));
    return { json, etag: weakEtag(json) };
  }
}

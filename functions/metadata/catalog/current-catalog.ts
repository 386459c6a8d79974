/**
 * The current catalog version's `CatalogViews`, kept in memory: built once per effective version, with a
 * pointer (and overrides) read every few seconds to notice a newly published version or a global KPI edit,
 * also one made through another instance. The effective version is the imported version, plus a hash of
 * the platform admins' KPI overrides when there are any (`<version>+<hash>`).
 */
import { createHash } from 'node:crypto';
import type { Catalog, KpiDefinition } from '@kpi/shared/domain/catalog/types';
import { notFound } from '@kpi/shared/platform/errors';
import type { OverrideDocument } from './catalog-documents';
import type { CatalogStore } from './catalog-store';
import { CatalogViews } from './catalog-views';

/** How long loaded views are trusted before the pointer is read again. */
const RECHECK_MS = 5_000;

/** The catalog with the overrides applied, under its effective version. */
export function applyOverrides(base: Catalog, overrides: readonly OverrideDocument[]): Catalog {
  if (!overrides.length) return base;
  const hash = createHash('sha256')
    .update(JSON.stringify(overrides.map((o) => [o.kpiId, o.definition])))
    .digest('hex')
    .slice(0, 8);
  const byId = new Map(overrides.map((o) => [o.kpiId, o.definition]));
  return {
    ...base,
    catalogVersion: `${base.catalogVersion}+${hash}`,
    kpis: base.kpis.map((k) => {
      const d = byId.get(k.id);
      return d ? ({ ...k, ...d, id: k.id } as KpiDefinition) : k;
    }),
  };
}

export class CurrentCatalog {
  private loaded: CatalogViews | undefined;
  private base: Catalog | undefined;
  private checkedAt = 0;
  private forced = false;
  private pending: Promise<CatalogViews> | undefined;

  constructor(
    private readonly store: Pick<CatalogStore, 'currentPointer' | 'read' | 'overrides'>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The views of the current version; 404 `CATALOG.NOT_SEEDED` before the first import. Once loaded, a due
   * recheck runs in the background and this request is served from memory (stale by at most one recheck),
   * so no request waits for the pointer read — except after `invalidate()`.
   */
  async views(): Promise<CatalogViews> {
    if (this.loaded && !this.forced) {
      if (this.now() - this.checkedAt >= RECHECK_MS && !this.pending) {
        // A failed background recheck keeps the loaded views; the next due request tries again.
        this.refresh().catch(() => {});
      }
      return this.loaded;
    }
    return this.refresh();
  }

  /** Makes the next `views()` read the pointer and overrides again (after a change made here). */
  invalidate(): void {
    this.forced = true;
  }

  /** One reload at a time: concurrent callers share it. */
  private refresh(): Promise<CatalogViews> {
    this.forced = false;
    this.pending ??= this.reload().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async reload(): Promise<CatalogViews> {
    const [pointer, overrides] = await Promise.all([this.store.currentPointer(), this.store.overrides()]);
    if (!pointer) throw notFound('CATALOG.NOT_SEEDED', 'No catalog has been imported yet');
    if (this.base?.catalogVersion !== pointer.catalogVersion) {
      this.base = await this.store.read(pointer.catalogVersion);
    }
    const effective = applyOverrides(this.base, overrides);
    if (this.loaded?.catalogVersion !== effective.catalogVersion) this.loaded = new CatalogViews(effective);
    this.checkedAt = this.now();
    return this.loaded;
  }
}

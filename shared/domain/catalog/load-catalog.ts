import { INDUSTRIES } from './industries';
import { KPIS } from './kpis';
import { DATA_OBJECTS } from './objects';
import type { Catalog, CatalogIndex, UseCase, ValueChainStage } from './types';

/** Bump when the catalog content is released; the content hash is appended automatically. */
export const CATALOG_RELEASE = '1.0.0';

/** FNV-1a 32-bit hash, hex: makes the version change whenever the content changes. */
function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

let cached: Catalog | undefined;

/**
 * The catalog versioned in this repository: industries, value-chain stages, use cases, KPIs and
 * the data object model. `catalogVersion` is `<release>-<content hash>`. The result is frozen
 * data, built once per process.
 */
export function loadCatalog(): Catalog {
  if (cached) return cached;
  const content = {
    industries: INDUSTRIES.map((d) => d.industry),
    stages: INDUSTRIES.flatMap((d) => d.stages),
    useCases: INDUSTRIES.flatMap((d) => d.useCases),
    kpis: KPIS,
    objects: DATA_OBJECTS,
  };
  cached = Object.freeze({
    catalogVersion: `${CATALOG_RELEASE}-${contentHash(JSON.stringify(content))}`,
    ...content,
  });
  return cached;
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

/** Lookup tables by id (cached per catalog object). */
export function indexCatalog(catalog: Catalog): CatalogIndex {
  const hit = indexes.get(catalog);
  if (hit) return hit;
  const stages = new Map(catalog.stages.map((s) => [s.id, s]));
  const useCasesByKpi = new Map<string, UseCase[]>();
  const industriesByKpi = new Map<string, string[]>();
  for (const u of catalog.useCases) {
    const industryId = stages.get(u.stageId)?.industryId;
    for (const id of u.kpiIds) {
      const list = useCasesByKpi.get(id) ?? [];
      list.push(u);
      useCasesByKpi.set(id, list);
      const inds = industriesByKpi.get(id) ?? [];
      if (industryId && !inds.includes(industryId)) inds.push(industryId);
      industriesByKpi.set(id, inds);
    }
  }
  const stagesByIndustry = group(catalog.stages, (s) => s.industryId);
  for (const list of stagesByIndustry.values())
    list.sort((a: ValueChainStage, b: ValueChainStage) => a.order - b.order);
  const index: CatalogIndex = {
    industries: new Map(catalog.industries.map((i) => [i.id, i])),
    stages,
    useCases: new Map(catalog.useCases.map((u) => [u.id, u])),
    kpis: new Map(catalog.kpis.map((k) => [k.id, k])),
    objects: new Map(catalog.objects.map((o) => [o.name, o])),
    stagesByIndustry,
    useCasesByStage: group(catalog.useCases, (u) => u.stageId),
    useCasesByKpi,
    industriesByKpi,
  };
  indexes.set(catalog, index);
  return index;
}

/** The catalog together with its index. */
export function loadCatalogWithIndex(): { catalog: Catalog; index: CatalogIndex } {
  const catalog = loadCatalog();
  return { catalog, index: indexCatalog(catalog) };
}

/**
 * How the catalog is laid out in the Cosmos container `catalog` (partition key `/tenantId`): one item per
 * industry, value-chain stage, use case, KPI and data object, all in the global partition, and a pointer
 * item naming the current catalog version. Pure: the store and the seed both use it.
 */
import type { Catalog } from '@kpi/shared/domain/catalog/types';
import { z } from 'zod';

/** Partition of the vendor's global catalog (tenant custom KPIs live in their tenant's partition). */
export const GLOBAL_TENANT = '_global';
export const POINTER_ID = 'pointer:current';

export const catalogKinds = ['industry', 'stage', 'useCase', 'kpi', 'object'] as const;
export type CatalogKind = (typeof catalogKinds)[number];

export const catalogDocumentSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  kind: z.enum(catalogKinds),
  catalogVersion: z.string(),
  entity: z.record(z.string(), z.unknown()),
});
export type CatalogDocument = z.infer<typeof catalogDocumentSchema>;

export const pointerDocumentSchema = z.object({
  id: z.literal(POINTER_ID),
  tenantId: z.literal(GLOBAL_TENANT),
  kind: z.literal('pointer'),
  catalogVersion: z.string(),
  kpiCount: z.number().int(),
  importedAt: z.string(),
});
export type PointerDocument = z.infer<typeof pointerDocumentSchema>;

/**
 * A platform admin's edit of a global KPI (`PUT catalog/kpis/{id}`). Overrides live beside the versioned
 * items, apply on top of whichever version is current, and survive the import of a new bundled version.
 */
export const overrideDocumentSchema = z.object({
  id: z.string(),
  tenantId: z.literal(GLOBAL_TENANT),
  kind: z.literal('override'),
  kpiId: z.string(),
  /** The KPI's definition fields that replace the catalog's. */
  definition: z.record(z.string(), z.unknown()),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type OverrideDocument = z.infer<typeof overrideDocumentSchema>;
export const overrideId = (kpiId: string) => `override:kpi:${kpiId}`;

/** Everything the catalog container's global partition holds. */
export const catalogItemSchema = z.union([
  pointerDocumentSchema,
  overrideDocumentSchema,
  catalogDocumentSchema,
]);
export type CatalogItem = z.infer<typeof catalogItemSchema>;

const collections: Record<CatalogKind, keyof Omit<Catalog, 'catalogVersion'>> = {
  industry: 'industries',
  stage: 'stages',
  useCase: 'useCases',
  kpi: 'kpis',
  object: 'objects',
};

/**
 * Item id of an entity in one catalog version (data objects are keyed by name). Versions never share
 * items, so importing a new version leaves the current one whole until the pointer moves, and every
 * published version stays readable.
 */
export function documentId(
  catalogVersion: string,
  kind: CatalogKind,
  entity: Record<string, unknown>,
): string {
  return `${catalogVersion}:${kind}:${String(entity.id ?? entity.name)}`;
}

export function toDocuments(catalog: Catalog): CatalogDocument[] {
  const docs: CatalogDocument[] = [];
  for (const kind of catalogKinds) {
    for (const entity of catalog[collections[kind]] as readonly object[]) {
      const e = entity as Record<string, unknown>;
      docs.push({
        id: documentId(catalog.catalogVersion, kind, e),
        tenantId: GLOBAL_TENANT,
        kind,
        catalogVersion: catalog.catalogVersion,
        entity: e,
      });
    }
  }
  return docs;
}

/** Rebuilds a catalog from its items; the order inside each collection is restored by `order`/id. */
export function fromDocuments(catalogVersion: string, docs: readonly CatalogDocument[]): Catalog {
  const out = { industries: [], stages: [], useCases: [], kpis: [], objects: [] } as Record<
    keyof Omit<Catalog, 'catalogVersion'>,
    unknown[]
  >;
  for (const doc of docs) out[collections[doc.kind]].push(doc.entity);
  return { catalogVersion, ...(out as unknown as Omit<Catalog, 'catalogVersion'>) };
}

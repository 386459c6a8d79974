/** What the mapping use cases need: ports only (adapters in ../dependencies.ts, fakes in the unit tests). */
import type { Mapping } from '@kpi/shared/contracts/mapping';
import type { MappingAuditItem, MappingVersionItem } from '@kpi/shared/contracts/mapping-app';
import type { StoredSource } from '@kpi/shared/contracts/source';
import type { VerifiedSnapshot } from '@kpi/shared/license/catalog-snapshot';
import type { Versioned } from '@kpi/shared/platform/cosmos/partitioned-store';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';

/** Which mappings a list asks for. */
export interface MappingFilter {
  sourceId?: string | undefined;
  object?: string | undefined;
}

/**
 * Where mappings live: drafts (one per mapping at most), the live published version (container `mappings`,
 * which ingestion reads), and the history of versions and audit entries. Every call is within one tenant.
 */
export interface MappingStore {
  getDraft(scope: TenantScope, id: string): Promise<Versioned<Mapping> | undefined>;
  getLive(scope: TenantScope, id: string): Promise<Versioned<Mapping> | undefined>;
  listDrafts(scope: TenantScope, filter: MappingFilter): Promise<Mapping[]>;
  listLive(scope: TenantScope, filter: MappingFilter): Promise<Mapping[]>;
  /** Creates a draft; throws `MAPPING.EXISTS` (409) when the mapping already has one. */
  createDraft(scope: TenantScope, draft: Mapping): Promise<Versioned<Mapping>>;
  /** Replaces a draft; with `ifMatch`, 412 `CONCURRENCY.CONFLICT` when it changed since read. */
  replaceDraft(scope: TenantScope, draft: Mapping, ifMatch?: string): Promise<Versioned<Mapping>>;
  /** Deletes the draft if it still has this etag (412 otherwise). */
  deleteDraft(scope: TenantScope, id: string, ifMatch: string): Promise<void>;
  /**
   * Makes `mapping` the live version: replaces the one read with etag `ifMatch`, or creates it when
   * `ifMatch` is undefined. Another writer in between: 412 / 409.
   */
  putLive(scope: TenantScope, mapping: Mapping, ifMatch: string | undefined): Promise<void>;
  /** Stores a published version (immutable; 409 when that version exists). */
  addVersion(scope: TenantScope, mapping: Mapping): Promise<void>;
  listVersions(scope: TenantScope, id: string): Promise<MappingVersionItem[]>;
  addAudit(scope: TenantScope, entry: Omit<MappingAuditItem, 'tenantId' | 'kind' | 'id'>): Promise<void>;
  listAudit(scope: TenantScope, id: string): Promise<MappingAuditItem[]>;
}

export interface MappingDeps {
  /** The deployment's tenant: the only tenant whose users it serves. */
  tenantId: string;
  mappings: MappingStore;
  /** The connector's stored sources (read only). */
  sources: { get(scope: TenantScope, id: string): Promise<StoredSource | undefined> };
  /** The deployment's verified catalog snapshot; undefined until client-app has fetched one. */
  catalog(): Promise<VerifiedSnapshot | undefined>;
  clock: () => Date;
}

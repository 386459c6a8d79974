/** What the demo-config use cases depend on: repositories (tenant-scoped), the catalog and its formula engine. */
import type { Configuration, DataSource, SowVersion, Tenant } from '@kpi/shared/contracts/demo-config';
import type { CustomKpiVersion } from '@kpi/shared/contracts/metadata-custom-kpi';
import type { Catalog, CatalogIndex } from '@kpi/shared/domain/catalog/types';
import type { FormulaEngine } from '@kpi/shared/domain/formula/index';
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import type { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import type { CredentialLookup } from '@kpi/shared/platform/auth/deployment-authenticator';
import type { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { LicenseRef } from './sources/deployment-sources';

export interface DemoConfigDeps {
  tenants: TenantRepository<Tenant>;
  /** Vendor staff only: every tenant. */
  allTenants: GlobalRepository<Tenant>;
  configurations: TenantRepository<Configuration>;
  sources: TenantRepository<DataSource>;
  sowVersions: TenantRepository<SowVersion>;
  /** Read only: published custom KPI versions (written by the metadata service; immutable). */
  customKpiVersions: TenantRepository<CustomKpiVersion>;
  /** Generated SOW files, under `<tenantId>/` in the `sow-documents` container. */
  blobs: BlobStore;
  /** The catalog shipped with this build (the metadata service publishes the same content). */
  catalog: Catalog;
  catalogIndex: CatalogIndex;
  engine: FormulaEngine;
  /** Read only (licence service data): which configuration a deployment is licensed for. */
  licenses: TenantRepository<LicenseRef>;
  /** Read only (issued by the licence service): deployment credentials for the deployment authenticator. */
  credentials: CredentialLookup;
  clock: () => Date;
  newId: (prefix: string) => string;
}

/** Blob container of generated SOW files (names start with the tenant id). */
export const SOW_CONTAINER = 'sow-documents';

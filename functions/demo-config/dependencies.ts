/** The demo-config app's ports, with their adapters created once per process on first use. */
import { randomBytes } from 'node:crypto';
import {
  type Configuration,
  configurationSchema,
  type DataSource,
  dataSourceSchema,
  type SowVersion,
  sowVersionSchema,
  type Tenant,
  tenantSchema,
} from '@kpi/shared/contracts/demo-config';
import { deploymentCredentialSchema } from '@kpi/shared/contracts/deployment-credential';
import { type CustomKpiVersion, customKpiVersionSchema } from '@kpi/shared/contracts/metadata-custom-kpi';
import { loadCatalogWithIndex } from '@kpi/shared/domain/catalog/load-catalog';
import type { Catalog, CatalogIndex } from '@kpi/shared/domain/catalog/types';
import { FormulaEngine } from '@kpi/shared/domain/formula/index';
import type { CredentialLookup } from '@kpi/shared/platform/auth/deployment-authenticator';
import { AzureBlobStore } from '@kpi/shared/platform/blob/azure-blob-store';
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { lazyOnce } from '@kpi/shared/platform/lazy-once';
import { config } from './config';
import { type LicenseRef, licenseRefSchema } from './sources/deployment-sources';

// Checked at module load: an undeclared name stops the app at start-up.
const containers = {
  tenants: containerName('tenants'),
  configurations: containerName('configurations'),
  sources: containerName('data-sources'),
  sowVersions: containerName('sow-versions'),
  customKpiVersions: containerName('custom-kpi-versions'),
  licenses: containerName('licenses'),
  credentials: containerName('deployment-credentials'),
};

/** What the triggers and use cases get: tenant-scoped repositories, SOW file storage, the catalog and its formula engine. */
export interface AppDeps {
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

async function create(): Promise<AppDeps> {
  const c = config();
  const database = cosmosClient(c.cosmos).database(c.cosmosDatabase);
  const tenantOptions = {
    container: database.container(containers.tenants),
    schema: tenantSchema,
    entity: 'TENANT',
  };
  const { catalog, index } = loadCatalogWithIndex();
  const credentials = new GlobalRepository({
    container: database.container(containers.credentials),
    schema: deploymentCredentialSchema,
    entity: 'DEPLOYMENT_CREDENTIAL',
  });
  return {
    tenants: new TenantRepository<Tenant>(tenantOptions),
    allTenants: new GlobalRepository<Tenant>({ ...tenantOptions, partitionKeyPath: '/tenantId' }),
    configurations: new TenantRepository<Configuration>({
      container: database.container(containers.configurations),
      schema: configurationSchema,
      entity: 'CONFIGURATION',
    }),
    sources: new TenantRepository<DataSource>({
      container: database.container(containers.sources),
      schema: dataSourceSchema,
      entity: 'SOURCE',
    }),
    sowVersions: new TenantRepository<SowVersion>({
      container: database.container(containers.sowVersions),
      schema: sowVersionSchema,
      entity: 'SOW',
    }),
    customKpiVersions: new TenantRepository<CustomKpiVersion>({
      container: database.container(containers.customKpiVersions),
      schema: customKpiVersionSchema,
      entity: 'CUSTOM_KPI_VERSION',
    }),
    blobs: AzureBlobStore.fromConnection(c.storage),
    catalog,
    catalogIndex: index,
    engine: new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula]))),
    licenses: new TenantRepository<LicenseRef>({
      container: database.container(containers.licenses),
      schema: licenseRefSchema,
      entity: 'LICENSE',
    }),
    credentials: (id) => credentials.get(id),
    clock: () => new Date(),
    newId: (prefix) => `${prefix}-${randomBytes(8).toString('hex')}`,
  };
}

/** The app's dependencies; a failure (bad settings) is retried on the next call. */
export const dependencies: () => Promise<AppDeps> = lazyOnce(create);

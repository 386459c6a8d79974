/** The demo-config app's adapters, created once per process on first use. */
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
import { FormulaEngine } from '@kpi/shared/domain/formula/index';
import { AzureBlobStore } from '@kpi/shared/platform/blob/azure-blob-store';
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { config } from './config';
import type { DemoConfigDeps } from './demo-config-deps';
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

function create(): DemoConfigDeps {
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

let deps: DemoConfigDeps | undefined;

/** The app's dependencies (settings are validated on first use). */
export function dependencies(): DemoConfigDeps {
  deps ??= create();
  return deps;
}

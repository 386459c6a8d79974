/** The metadata app's ports, with their adapters created once per process on first use. */
import { randomBytes } from 'node:crypto';
import { deploymentCredentialSchema } from '@kpi/shared/contracts/deployment-credential';
import {
  auditEntrySchema,
  customKpiSchema,
  customKpiVersionSchema,
} from '@kpi/shared/contracts/metadata-custom-kpi';
import { loadKeyRing } from '@kpi/shared/license/key-ring-source';
import type { CredentialLookup } from '@kpi/shared/platform/auth/deployment-authenticator';
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { lazyOnce } from '@kpi/shared/platform/lazy-once';
import type { EventPublisher } from '@kpi/shared/platform/servicebus/ports';
import { ServiceBusEventPublisher } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { catalogItemSchema } from './catalog/catalog-documents';
import { CatalogStore } from './catalog/catalog-store';
import { CurrentCatalog } from './catalog/current-catalog';
import type { EditGlobalKpiDeps } from './catalog/edit-global-kpi';
import type { PublishCatalogDeps } from './catalog/publish-catalog';
import { config } from './config';
import { AuditLog } from './custom-kpis/audit-log';
import { CustomKpiService } from './custom-kpis/custom-kpi-service';
import { type TenantDirectory, tenantInfoSchema } from './formulas/tenant-industry';
import { licenseInfoSchema, type SnapshotDeps } from './snapshots/snapshot-service';
import { SnapshotSigner } from './snapshots/snapshot-signer';
import { type CatalogTreeSource, TreeService } from './tree/tree-service';

// Checked at module load: an undeclared name stops the app at start-up.
const containers = {
  catalog: containerName('catalog'),
  tenants: containerName('tenants'),
  customKpis: containerName('custom-kpis'),
  versions: containerName('custom-kpi-versions'),
  audit: containerName('catalog-audit'),
  licenses: containerName('licenses'),
  credentials: containerName('deployment-credentials'),
};

/** What the metadata app's triggers get: ports and use-case services, never an SDK client. */
export interface AppDeps extends EditGlobalKpiDeps, PublishCatalogDeps {
  /** The effective catalog version's views, cached; `invalidate()` after a change. */
  catalog: EditGlobalKpiDeps['catalog'];
  /** Imports the shipped catalog and saves global KPI overrides. */
  store: EditGlobalKpiDeps['store'] & PublishCatalogDeps['store'];
  /** The catalog tree as JSON text with its ETag. */
  tree: CatalogTreeSource;
  publisher: EventPublisher;
  /** Custom KPI changes in tenant partitions, global catalog edits in `_global`. */
  audit: Pick<AuditLog, 'record' | 'list'>;
  customKpis: CustomKpiService;
  snapshots: SnapshotDeps;
  /** Read only: the tenant's industry (for previews on sample data). */
  tenants: TenantDirectory;
  /** Read only: deployment credentials (issued by the licence service) for the deployment authenticator. */
  credentials: CredentialLookup;
  clock: () => Date;
}

function create(): AppDeps {
  const c = config();
  const database = cosmosClient(c.cosmos).database(c.cosmosDatabase);
  const store = new CatalogStore(
    new GlobalRepository({
      container: database.container(containers.catalog),
      schema: catalogItemSchema,
      entity: 'CATALOG_ITEM',
      partitionKeyPath: '/tenantId',
    }),
  );
  const catalog = new CurrentCatalog(store);
  const publisher = ServiceBusEventPublisher.fromConnection(c.serviceBus);
  const clock = () => new Date();
  const audit = new AuditLog(
    new TenantRepository({
      container: database.container(containers.audit),
      schema: auditEntrySchema,
      entity: 'CATALOG_AUDIT',
    }),
    clock,
    () => randomBytes(6).toString('base64url'),
  );
  const customKpis = new CustomKpiService({
    kpis: new TenantRepository({
      container: database.container(containers.customKpis),
      schema: customKpiSchema,
      entity: 'CUSTOM_KPI',
    }),
    versions: new TenantRepository({
      container: database.container(containers.versions),
      schema: customKpiVersionSchema,
      entity: 'CUSTOM_KPI_VERSION',
    }),
    audit,
    catalog,
    publisher,
    clock,
  });
  const snapshots: SnapshotDeps = {
    /** Read only: the licence service owns licences; a deployment's selected KPIs are its licence's. */
    licenses: new TenantRepository({
      container: database.container(containers.licenses),
      schema: licenseInfoSchema,
      entity: 'LICENSE',
    }),
    catalog,
    publishedCustom: (scope, ids) => customKpis.publishedVersions(scope, ids),
    // Loaded on first use; a failure (e.g. Key Vault not yet readable) is retried next time.
    signer: lazyOnce(async () => new SnapshotSigner(await loadKeyRing(c.signingKeys, new Date()))),
  };
  const credentials = new GlobalRepository({
    container: database.container(containers.credentials),
    schema: deploymentCredentialSchema,
    entity: 'DEPLOYMENT_CREDENTIAL',
  });
  return {
    store,
    tree: new TreeService(catalog),
    catalog,
    tenants: new TenantRepository({
      container: database.container(containers.tenants),
      schema: tenantInfoSchema,
      entity: 'TENANT',
    }),
    publisher,
    audit,
    customKpis,
    snapshots,
    credentials: (id) => credentials.get(id),
    clock,
  };
}

/** The app's dependencies; a failure (bad settings) is retried on the next call. */
export const dependencies: () => Promise<AppDeps> = lazyOnce(create);

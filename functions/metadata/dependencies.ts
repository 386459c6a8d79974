/** The metadata app's adapters, created once per process on first use. */
import { randomBytes } from 'node:crypto';
import { deploymentCredentialSchema } from '@kpi/shared/contracts/deployment-credential';
import {
  auditEntrySchema,
  customKpiSchema,
  customKpiVersionSchema,
} from '@kpi/shared/contracts/metadata-custom-kpi';
import type { KeyRing } from '@kpi/shared/license/key-ring';
import { loadKeyRing } from '@kpi/shared/license/key-ring-source';
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { ServiceBusEventPublisher } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { catalogItemSchema } from './catalog/catalog-documents';
import { CatalogStore } from './catalog/catalog-store';
import { CurrentCatalog } from './catalog/current-catalog';
import { config } from './config';
import { AuditLog } from './custom-kpis/audit-log';
import { CustomKpiService } from './custom-kpis/custom-kpi-service';
import { tenantInfoSchema } from './formulas/tenant-industry';
import { licenseInfoSchema, type SnapshotDeps } from './snapshots/snapshot-service';
import { SnapshotSigner } from './snapshots/snapshot-signer';
import { TreeService } from './tree/tree-service';

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

/** The key ring, loaded on first use; a failure (e.g. Key Vault not yet readable) is retried next time. */
function keyRingLoader(load: () => Promise<KeyRing>): () => Promise<SnapshotSigner> {
  let signer: Promise<SnapshotSigner> | undefined;
  return () => {
    signer ??= load()
      .then((ring) => new SnapshotSigner(ring))
      .catch((err: unknown) => {
        signer = undefined;
        throw err;
      });
    return signer;
  };
}

function create() {
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
    signer: keyRingLoader(() => loadKeyRing(c.signingKeys, new Date())),
  };
  return {
    store,
    tree: new TreeService(catalog),
    catalog,
    /** Read only: the tenant's industry (for previews on sample data). */
    tenants: new TenantRepository({
      container: database.container(containers.tenants),
      schema: tenantInfoSchema,
      entity: 'TENANT',
    }),
    publisher,
    /** Custom KPI changes in tenant partitions, global catalog edits in `_global`. */
    audit,
    customKpis,
    snapshots,
    /** Read only: deployment credentials (issued by the licence service) for the deployment authenticator. */
    credentials: new GlobalRepository({
      container: database.container(containers.credentials),
      schema: deploymentCredentialSchema,
      entity: 'DEPLOYMENT_CREDENTIAL',
    }),
  };
}

export type Dependencies = ReturnType<typeof create>;

let deps: Dependencies | undefined;

export function dependencies(): Dependencies {
  deps ??= create();
  return deps;
}

/** The mapping app's ports, with their adapters created once per process on first use. */
import { tenantIdSchema } from '@kpi/shared/contracts/ids';
import { mappingHistoryItemSchema, storedMappingSchema } from '@kpi/shared/contracts/mapping-app';
import { storedSourceSchema } from '@kpi/shared/contracts/source';
import { readStoredSnapshot, SnapshotVerifier } from '@kpi/shared/license/catalog-snapshot';
import { AzureBlobStore } from '@kpi/shared/platform/blob/azure-blob-store';
import { containerName } from '@kpi/shared/platform/cosmos/client-container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { config } from './config';
import { CosmosMappingStore } from './mappings/cosmos-mapping-store';
import type { MappingDeps } from './mappings/mapping-deps';

// Checked at module load: an undeclared name stops the app at start-up (and the cross-check sees it).
const containers = {
  mappings: containerName('mappings'),
  drafts: containerName('mapping-drafts'),
  history: containerName('mapping-history'),
  sources: containerName('sources'),
};

/** What the triggers get: the use cases' ports, never an SDK client. */
export interface AppDeps extends MappingDeps {}

async function create(): Promise<AppDeps> {
  const c = config(); // throws CONFIG.INVALID on bad settings
  const database = cosmosClient(c.cosmos).database(c.cosmosDatabase);
  const blobs = AzureBlobStore.fromConnection(c.storage);
  const verifier = new SnapshotVerifier(JSON.parse(c.trustedJwks) as { keys: { kid?: unknown }[] });
  const expected = { tenantId: tenantIdSchema.parse(c.tenantId), deploymentId: c.deploymentId };
  const repo = (name: string, entity: string) =>
    new TenantRepository({ container: database.container(name), schema: storedMappingSchema, entity });
  return {
    tenantId: expected.tenantId,
    mappings: new CosmosMappingStore(
      repo(containers.mappings, 'MAPPING'),
      repo(containers.drafts, 'MAPPING_DRAFT'),
      new TenantRepository({
        container: database.container(containers.history),
        schema: mappingHistoryItemSchema,
        entity: 'MAPPING_HISTORY',
      }),
    ),
    sources: new TenantRepository({
      container: database.container(containers.sources),
      schema: storedSourceSchema,
      entity: 'DATA_SOURCE',
    }),
    // Read on every call: client-app replaces the snapshot on `refresh-catalog` (a blob read, verified again).
    catalog: () => readStoredSnapshot(blobs, verifier, expected),
    clock: () => new Date(),
  };
}

let deps: Promise<AppDeps> | undefined;

/** The app's dependencies; a failure (bad settings) is retried on the next call. */
export function dependencies(): Promise<AppDeps> {
  deps ??= create().catch((err: unknown) => {
    deps = undefined;
    throw err;
  });
  return deps;
}

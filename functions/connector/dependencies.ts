/** The connector app's ports, with their adapters created once per process on first use. */
import { randomBytes } from 'node:crypto';
import { Connectors } from '@kpi/shared/connectors/connectors';
import type { SecretStore } from '@kpi/shared/connectors/ports';
import { tenantIdSchema } from '@kpi/shared/contracts/ids';
import { storedSourceSchema } from '@kpi/shared/contracts/source';
import { AzureBlobStore } from '@kpi/shared/platform/blob/azure-blob-store';
import { containerName } from '@kpi/shared/platform/cosmos/client-container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { KeyVaultSecretStore } from '@kpi/shared/platform/keyvault/secret-store';
import { config } from './config';
import { HttpDeclaredSources } from './declared/http-declared-sources';
import type { ImportDeps } from './declared/import-declared';
import type { SourceDeps } from './sources/source-deps';

// Checked at module load: an undeclared name stops the app at start-up (and the cross-check sees it).
const containers = { sources: containerName('sources') };

/** What the triggers get: the use cases' ports, never an SDK client. */
export interface AppDeps extends SourceDeps, Omit<ImportDeps, 'sources'> {
  secrets: SecretStore;
}

async function create(): Promise<AppDeps> {
  const c = config(); // throws CONFIG.INVALID on bad settings
  const database = cosmosClient(c.cosmos).database(c.cosmosDatabase);
  const secrets: SecretStore = new KeyVaultSecretStore(c.keyVault);
  const blobs = AzureBlobStore.fromConnection(c.storage);
  return {
    tenantId: tenantIdSchema.parse(c.tenantId),
    sources: new TenantRepository({
      container: database.container(containers.sources),
      schema: storedSourceSchema,
      entity: 'DATA_SOURCE',
    }),
    secrets,
    blobs,
    connectors: (log) => new Connectors({ secrets, log, blobs }),
    declarations: new HttpDeclaredSources(c.vendorApi, secrets),
    clock: () => new Date(),
    newId: () => randomBytes(8).toString('hex'),
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

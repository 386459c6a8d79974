/** The ingestion app's ports, with their adapters created once per process on first use. */
import { Connectors, parseDefinition } from '@kpi/shared/connectors/connectors';
import { tenantIdSchema } from '@kpi/shared/contracts/ids';
import { SnapshotVerifier } from '@kpi/shared/license/catalog-snapshot';
import { AzureBlobStore } from '@kpi/shared/platform/blob/azure-blob-store';
import { containerName } from '@kpi/shared/platform/cosmos/client-container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { KeyVaultSecretStore } from '@kpi/shared/platform/keyvault/secret-store';
import { CosmosManifestStore } from '@kpi/shared/platform/lake/cosmos-manifest-store';
import { createLogger } from '@kpi/shared/platform/log';
import { queueName, topicName } from '@kpi/shared/platform/servicebus/client-entity-names';
import { ServiceBusEventPublisher } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { APP, config } from './config';
import { DuckDbParquet } from './lake/duckdb-parquet';
import { Lake } from './lake/lake';
import { SnapshotObjectModel } from './model/object-model';
import { CosmosPublishedMappings } from './model/published-mappings';
import { CosmosPushKeyStore, CosmosPushOutcomes } from './push/cosmos-push-stores';
import { CachedPushKeys, type PushKeyDeps } from './push/push-keys';
import type { PushDeps } from './push/push-records';
import {
  CosmosCursorStore,
  CosmosQuarantineStore,
  CosmosRunStore,
  CosmosSourceReader,
} from './runs/cosmos-run-stores';
import type { RunDeps } from './runs/run-ingestion';
import { RUN_REQUESTED } from './runs/run-request';
import type { ScheduleDeps } from './runs/schedule-runs';

// Checked at module load: an undeclared name stops the app at start-up (and the cross-check sees it).
const containers = {
  manifests: containerName('lake-manifest'),
  runs: containerName('ingestion-runs'),
  cursors: containerName('ingestion-cursors'),
  quarantine: containerName('quarantine'),
  pushKeys: containerName('push-keys'),
  effects: containerName('ingestion-effects'),
  sources: containerName('sources'),
  mappings: containerName('mappings'),
};
const EVENTS_TOPIC = topicName('ingestion-events');
const REQUESTS_QUEUE = queueName('ingestion-requests');

/** What the triggers get: the use cases' ports, never an SDK client. */
export interface AppDeps extends RunDeps, PushDeps, PushKeyDeps, Omit<ScheduleDeps, 'log'> {
  tenantId: string;
}

async function create(): Promise<AppDeps> {
  const c = config(); // throws CONFIG.INVALID on bad settings
  const tenantId = tenantIdSchema.parse(c.tenantId);
  const database = cosmosClient(c.cosmos).database(c.cosmosDatabase);
  const blobs = AzureBlobStore.fromConnection(c.storage);
  const secrets = new KeyVaultSecretStore(c.keyVault);
  const log = createLogger({ app: APP });
  const connectors = new Connectors({ secrets, log, blobs });
  const publisher = ServiceBusEventPublisher.fromConnection(c.serviceBus);
  const clock = () => new Date();
  const sources = new CosmosSourceReader(database.container(containers.sources), tenantId);
  return {
    tenantId,
    runs: new CosmosRunStore(database.container(containers.runs)),
    cursors: new CosmosCursorStore(database.container(containers.cursors)),
    quarantine: new CosmosQuarantineStore(database.container(containers.quarantine)),
    mappings: new CosmosPublishedMappings(database.container(containers.mappings), tenantId),
    sources,
    objects: new SnapshotObjectModel(blobs, new SnapshotVerifier(JSON.parse(c.trustedJwks)), {
      tenantId,
      deploymentId: c.deploymentId,
    }),
    lake: new Lake({
      manifests: new CosmosManifestStore(database.container(containers.manifests)),
      blobs,
      parquet: await DuckDbParquet.open({ memoryLimit: '512MB', threads: 2 }),
      clock,
      log,
    }),
    read: (source, request) => connectors.read(parseDefinition(source.definition), request),
    publisher,
    eventsTopic: EVENTS_TOPIC,
    request: (message) =>
      publisher.publish(REQUESTS_QUEUE, { type: RUN_REQUESTED, data: message, messageId: message.runId }),
    pushes: new CosmosPushOutcomes(database.container(containers.effects)),
    pushKeys: new CachedPushKeys(new CosmosPushKeyStore(database.container(containers.pushKeys))),
    clock,
    log,
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

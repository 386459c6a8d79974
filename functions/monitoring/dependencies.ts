/** The monitoring app's adapters, created once per process on first use. */
import { platformHealthSchema } from '@kpi/shared/contracts/platform-health';
import { recordedEventSchema } from '@kpi/shared/contracts/platform-events';
import { blobServiceClient } from '@kpi/shared/platform/blob/azure-blob-store';
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import { serviceBusClient } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { config } from './config';

function create() {
  const c = config();
  const database = cosmosClient(c.cosmos).database(c.cosmosDatabase);
  return {
    database,
    events: new GlobalRepository({
      container: database.container(containerName('platform-events')),
      schema: recordedEventSchema,
      entity: 'PLATFORM_EVENT',
      partitionKeyPath: '/source',
    }),
    health: new GlobalRepository({
      container: database.container(containerName('platform-health')),
      schema: platformHealthSchema,
      entity: 'PLATFORM_HEALTH',
      partitionKeyPath: '/app',
    }),
    blobs: blobServiceClient(c.storage),
    serviceBus: serviceBusClient(c.serviceBus),
  };
}

let deps: ReturnType<typeof create> | undefined;

export function dependencies(): ReturnType<typeof create> {
  deps ??= create();
  return deps;
}

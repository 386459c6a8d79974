/** The licence app's ports, with their adapters created once per process on first use. */
import { randomBytes } from 'node:crypto';
import { publicJwks } from '@kpi/shared/license/key-ring';
import { loadKeyRing } from '@kpi/shared/license/key-ring-source';
import { LicenseSigner } from '@kpi/shared/license/license-signer';
import { OfflineLicenseVerifier } from '@kpi/shared/license/offline-verifier';
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { lazyOnce } from '@kpi/shared/platform/lazy-once';
import { createLogger } from '@kpi/shared/platform/log';
import { topicName } from '@kpi/shared/platform/servicebus/entity-names';
import { ServiceBusEventPublisher } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { APP, config } from './config';
import { CosmosConfigurationSelections } from './licenses/cosmos-configuration-selections';
import { CosmosLicenseStore } from './licenses/cosmos-license-store';
import type { LicenseDeps } from './licenses/license-core';

const containers = {
  licenses: containerName('licenses'),
  history: containerName('license-history'),
  credentials: containerName('deployment-credentials'),
  configurations: containerName('configurations'),
};
const topic = topicName('license-events');

/** What the licence app's triggers get: the use cases' ports plus the published key set. */
export interface AppDeps extends LicenseDeps {
  /** The public keys, as served by `GET /api/license/jwks`. */
  jwks: () => ReturnType<typeof publicJwks>;
}

async function create(): Promise<AppDeps> {
  const c = config();
  const database = cosmosClient(c.cosmos).database(c.cosmosDatabase);
  const ring = await loadKeyRing(c.signingKeys, new Date());
  const log = createLogger({ app: APP });
  const clock = () => new Date();
  return {
    store: new CosmosLicenseStore({
      licenses: database.container(containers.licenses),
      history: database.container(containers.history),
      credentials: database.container(containers.credentials),
    }),
    configurations: new CosmosConfigurationSelections(database.container(containers.configurations)),
    signer: new LicenseSigner(ring),
    // The service verifies with exactly what it publishes, as a client would.
    verifier: new OfflineLicenseVerifier(publicJwks(ring, clock())),
    publisher: ServiceBusEventPublisher.fromConnection(c.serviceBus),
    topic,
    clock,
    newId: () => randomBytes(12).toString('base64url'),
    log,
    jwks: () => publicJwks(ring, clock()),
  };
}

/** The app's dependencies; a failure (bad key ring, bad settings) is retried on the next call. */
export const dependencies: () => Promise<AppDeps> = lazyOnce(create);

/** A Cosmos stand-in with the platform's containers, in a temporary folder, for benchmarks of one service's data. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Container, CosmosClient } from '@azure/cosmos';
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { startCosmos } from '../../local/cosmos/cosmos';
import { ensureCosmosContainers, loadCosmosContainers } from '../../local/cosmos/ensure-containers';
import { freePort } from '../../local/net';

/**
 * Runs `fn` against a fresh stand-in holding every declared container, then stops it and removes its
 * data. Snapshots to disk are put off (`snapshotDelayMs`) so they do not land inside a measurement.
 */
export async function withBenchCosmos<T>(
  name: string,
  fn: (container: (logicalName: string) => Container) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), `kpi-${name}-bench-`));
  const cosmos = await startCosmos({ port: await freePort(), dataDir, snapshotDelayMs: 600_000 });
  try {
    const client = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const declared = loadCosmosContainers();
    await ensureCosmosContainers(client, declared);
    const db = client.database(declared.database);
    return await fn((logicalName) => db.container(containerName(logicalName)));
  } finally {
    await cosmos.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

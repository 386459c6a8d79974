/**
 * The "no heartbeat lost" check: every heartbeat the senders saw acknowledged must be stored in Cosmos DB's
 * heartbeat history. Reads the ids of the fleet's deployments with one cross-partition query (paged) and
 * compares them, deployment by deployment, with the fleet's acknowledged ids.
 */
import { CosmosClient } from '@azure/cosmos';

export interface LossReport {
  /** Acknowledged heartbeats checked. */
  checked: number;
  /** Acknowledged but not stored. */
  missing: number;
  /** Deployments with at least one missing heartbeat (first few). */
  missingIn: string[];
  /** Stored heartbeats of the fleet's deployments (replays of one id are stored once). */
  stored: number;
}

export async function verifyStored(
  cosmos: { endpoint: string; key: string; database: string },
  acked: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<LossReport> {
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    const container = client.database(cosmos.database).container('heartbeats');
    const stored = new Map<string, Set<string>>();
    let count = 0;
    const iterator = container.items.query<{ id: string; deploymentId: string }>(
      'SELECT c.id, c.deploymentId FROM c',
      { maxItemCount: 5000 },
    );
    while (iterator.hasMoreResults()) {
      const { resources } = await iterator.fetchNext();
      for (const r of resources) {
        if (!acked.has(r.deploymentId)) continue;
        const ids = stored.get(r.deploymentId) ?? new Set<string>();
        stored.set(r.deploymentId, ids);
        ids.add(r.id);
        count++;
      }
    }
    let checked = 0;
    let missing = 0;
    const missingIn: string[] = [];
    for (const [deploymentId, ids] of acked) {
      const have = stored.get(deploymentId);
      let lost = 0;
      for (const id of ids) {
        checked++;
        if (!have?.has(id)) lost++;
      }
      missing += lost;
      if (lost > 0 && missingIn.length < 10) missingIn.push(`${deploymentId} (${lost})`);
    }
    return { checked, missing, missingIn, stored: count };
  } finally {
    client.dispose();
  }
}

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

export interface CountReport {
  /** Request samples the server holds for the fleet's deployments (one per heartbeat it counted). */
  counted: number;
  /** Distinct heartbeats among those samples. */
  distinct: number;
  /** Samples beyond the first of the same heartbeat: a replay counted again. */
  countedTwice: number;
}

/**
 * The "counted once" check: every deployment document keeps one request sample per heartbeat it counted
 * (`recentRequests`, with the heartbeat id); a heartbeat whose id appears twice was counted twice.
 */
export async function verifyCounted(
  cosmos: { endpoint: string; key: string; database: string },
  deploymentIds: ReadonlySet<string>,
): Promise<CountReport> {
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    const container = client.database(cosmos.database).container('deployments');
    const iterator = container.items.query<{ id: string; recentRequests?: { heartbeatId?: string }[] }>(
      'SELECT c.id, c.recentRequests FROM c',
      { maxItemCount: 1000 },
    );
    let counted = 0;
    let distinct = 0;
    while (iterator.hasMoreResults()) {
      const { resources } = await iterator.fetchNext();
      for (const d of resources) {
        if (!deploymentIds.has(d.id)) continue;
        const samples = d.recentRequests ?? [];
        counted += samples.length;
        distinct += new Set(samples.map((s, i) => s.heartbeatId ?? `unnamed-${i}`)).size;
      }
    }
    return { counted, distinct, countedTwice: counted - distinct };
  } finally {
    client.dispose();
  }
}

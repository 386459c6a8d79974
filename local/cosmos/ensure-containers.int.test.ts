import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../net';
import { type RunningCosmos, startCosmos } from './cosmos';
import { ensureCosmosContainers, loadCosmosContainers, parseCosmosContainers } from './ensure-containers';

describe('ensureCosmosContainers', () => {
  let dataDir: string;
  let cosmos: RunningCosmos;
  let client: CosmosClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kpi-cosmos-ensure-'));
    cosmos = await startCosmos({ port: await freePort(), dataDir });
    client = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
  });
  afterAll(async () => {
    await cosmos.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the declared database and containers once, then finds them', async () => {
    const declaration = loadCosmosContainers();
    const names = declaration.containers.map((c) => c.name);
    const first = await ensureCosmosContainers(client, declaration);
    expect(first).toEqual({ created: names, existing: [] });
    const second = await ensureCosmosContainers(client, declaration);
    expect(second).toEqual({ created: [], existing: names });

    const db = client.database(declaration.database);
    const { resources } = await db.containers.readAll().fetchAll();
    expect(resources.map((c) => c.id).sort()).toEqual([...names].sort());
    for (const c of declaration.containers) {
      const { resource } = await db.container(c.name).read();
      expect(resource?.partitionKey?.paths).toEqual([c.partitionKey]);
      if (c.defaultTtl !== undefined) expect(resource?.defaultTtl).toBe(c.defaultTtl);
    }
  });

  it('refuses an existing container whose partition key differs from the declaration', async () => {
    const declaration = parseCosmosContainers({
      database: 'drift',
      containers: [{ name: 'things', partitionKey: '/a' }],
    });
    await ensureCosmosContainers(client, declaration);
    const changed = parseCosmosContainers({
      database: 'drift',
      containers: [{ name: 'things', partitionKey: '/b' }],
    });
    await expect(ensureCosmosContainers(client, changed)).rejects.toThrow(/COSMOS.PARTITION_KEY_MISMATCH/);
  });
});

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../net';
import { type RunningCosmos, startCosmos } from './cosmos';

const clientFor = (c: RunningCosmos) =>
  new CosmosClient({
    endpoint: c.endpoint,
    key: c.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });

interface Kpi {
  id: string;
  tenantId: string;
  amount: number;
  label?: string;
}

describe('startCosmos (cosmosdb-server with persistence)', () => {
  let dataDir: string;
  let port: number;
  let cosmos: RunningCosmos | undefined;
  const extra: RunningCosmos[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kpi-cosmos-'));
    port = await freePort();
    cosmos = await startCosmos({ port, dataDir });
  });
  afterAll(async () => {
    for (const c of extra) await c.stop();
    await cosmos?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const running = () => {
    if (!cosmos) throw new Error('not running');
    return cosmos;
  };

  it('does CRUD and queries through @azure/cosmos', async () => {
    const client = clientFor(running());
    const { database } = await client.databases.createIfNotExists({ id: 'kpi' });
    const { container } = await database.containers.createIfNotExists({
      id: 'metrics',
      partitionKey: { paths: ['/tenantId'] },
      indexingPolicy: {
        compositeIndexes: [
          [
            { path: '/tenantId', order: 'ascending' },
            { path: '/amount', order: 'descending' },
          ],
        ],
      },
    });
    for (let i = 0; i < 5; i++) {
      await container.items.create<Kpi>({
        id: `m${i}`,
        tenantId: i % 2 ? 'contoso' : 'fabrikam',
        amount: i * 10,
      });
    }
    await expect(container.items.create({ id: 'm1', tenantId: 'contoso', amount: 0 })).rejects.toMatchObject({
      code: 409,
    });
    const { resource: read } = await container.item('m3', 'contoso').read<Kpi>();
    expect(read?.amount).toBe(30);
    await container.item('m4', 'fabrikam').delete();
    await container.item('m2', 'fabrikam').patch([{ op: 'incr', path: '/amount', value: 5 }]);

    const { resources } = await container.items
      .query<Kpi>({
        query: 'SELECT * FROM c WHERE c.amount >= @min ORDER BY c.tenantId ASC, c.amount DESC',
        parameters: [{ name: '@min', value: 10 }],
      })
      .fetchAll();
    expect(resources.map((r) => r.id)).toEqual(['m3', 'm1', 'm2']);
    expect(resources.find((r) => r.id === 'm2')?.amount).toBe(25);
  });

  it('snapshots on its own shortly after writes (a second server on the same data sees them)', async () => {
    const container = clientFor(running()).database('kpi').container('metrics');
    await container.items.upsert<Kpi>({ id: 'late', tenantId: 'contoso', amount: 99 });
    await new Promise((r) => setTimeout(r, 600)); // default snapshot delay is 200 ms
    const reader = await startCosmos({ port: await freePort(), dataDir });
    extra.push(reader);
    const { resource } = await clientFor(reader)
      .database('kpi')
      .container('metrics')
      .item('late', 'contoso')
      .read<Kpi>();
    expect(resource?.amount).toBe(99);
  });

  it('finds databases, containers, items and etags again after a restart', async () => {
    const before = clientFor(running()).database('kpi').container('metrics');
    const { resource: m1, etag } = await before.item('m1', 'contoso').read<Kpi>();
    const { resources: orderBefore } = await before.items.readAll<Kpi>().fetchAll();
    await clientFor(running()).database('kpi').containers.createIfNotExists({ id: 'doomed' });
    await clientFor(running()).database('kpi').container('doomed').items.create({ id: 'x' });
    await clientFor(running()).database('kpi').container('doomed').delete();

    await running().stop();
    cosmos = undefined;
    cosmos = await startCosmos({ port, dataDir });

    const client = clientFor(running());
    const { resources: dbs } = await client.databases.readAll().fetchAll();
    expect(dbs.map((d) => d.id)).toEqual(['kpi']);
    const { resources: colls } = await client.database('kpi').containers.readAll().fetchAll();
    expect(colls.map((c) => c.id)).toEqual(['metrics']);
    const after = client.database('kpi').container('metrics');
    const { resource: def } = await after.read();
    expect(def?.partitionKey?.paths).toEqual(['/tenantId']);
    expect(def?.indexingPolicy?.compositeIndexes?.[0]?.map((i) => i.path)).toEqual(['/tenantId', '/amount']);
    // Only the live container has an items file; the deleted one's was removed.
    expect(await readdir(join(dataDir, 'containers'))).toHaveLength(1);

    const { resource: m1After, etag: etagAfter } = await after.item('m1', 'contoso').read<Kpi>();
    expect(m1After).toEqual(m1);
    expect(etagAfter).toBe(etag);
    const { resources: orderAfter } = await after.items.readAll<Kpi>().fetchAll();
    expect(orderAfter.map((r) => r.id)).toEqual(orderBefore.map((r) => r.id));

    // The persisted etag still guards optimistic concurrency.
    await after
      .item('m1', 'contoso')
      .replace({ ...m1After, amount: 11 }, { accessCondition: { type: 'IfMatch', condition: etag ?? '' } });
    await expect(
      after
        .item('m1', 'contoso')
        .replace({ ...m1After, amount: 12 }, { accessCondition: { type: 'IfMatch', condition: etag ?? '' } }),
    ).rejects.toMatchObject({ code: 412 });

    // New items get fresh resource ids, not ones already taken before the restart.
    const { resource: fresh } = await after.items.create<Kpi>({
      id: 'fresh',
      tenantId: 'contoso',
      amount: 1,
    });
    const rids = orderAfter.map((r) => (r as unknown as { _rid: string })._rid);
    expect(rids).not.toContain(fresh?._rid);
    const { resources: count } = await after.items.query<number>('SELECT VALUE COUNT(1) FROM c').fetchAll();
    expect(count[0]).toBe(orderAfter.length + 1);
  });
});

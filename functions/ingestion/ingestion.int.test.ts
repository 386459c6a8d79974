/**
 * Ingestion in a client deployment: the vendor stack once, one client deployment (its own host, storage,
 * Cosmos, broker and vault), a PostgreSQL "ERP" served by PGlite, and a mapping published by writing the
 * `mappings` document the mapping app would write. Every step through the ingestion app's HTTP routes and
 * the real SDKs; waits poll, never sleep a fixed time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient, type Database } from '@azure/cosmos';
import { ServiceBusClient } from '@azure/service-bus';
import { DuckDBInstance } from '@duckdb/node-api';
import { AzureBlobStore } from '@kpi/shared/platform/blob/azure-blob-store';
import { CosmosManifestStore } from '@kpi/shared/platform/lake/cosmos-manifest-store';
import { ManifestLakeFiles } from '@kpi/shared/platform/lake/manifest-lake-files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientDeployment,
  startClientDeployment,
  storageAccountName,
} from '../../local/client/client-deployment';
import { issueLicense } from '../../local/client/issue-license';
import { type RunningPglite, startPglite } from '../../local/demo-sources/pglite-server';
import { freePort } from '../../local/net';
import { apiAudience, type Stack, startStack } from '../../local/stack';

const OLIVIA = 'olivia@contoso.example'; // owner
const VERA = 'vera@contoso.example'; // viewer
const MAPPING = 'erp-orders';

let stack: Stack;
let dep: ClientDeployment;
let pg: RunningPglite;
let root: string;
let db: Database;
let lake: ManifestLakeFiles;
let bus: ServiceBusClient;

async function call(
  method: string,
  path: string,
  o: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...o.headers };
  if (o.as) headers.authorization = `Bearer ${await stack.token(o.as)}`;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${dep.api}/ingestion/${path}`, {
    method,
    headers,
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined;
  // biome-ignore lint/suspicious/noExplicitAny: checked by the assertions
  return { status: res.status, body: json as any, text };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts a run and waits for its end. */
async function run(body: Record<string, unknown>) {
  const started = await call('POST', 'runs', {
    as: OLIVIA,
    body: { mappingId: MAPPING, batchSize: 100, ...body },
  });
  expect(started.status, started.text).toBe(202);
  return until(`run ${started.body.id}`, async () => {
    const r = await call('GET', `runs/${started.body.id}`, { as: VERA });
    return r.body.status === 'succeeded' || r.body.status === 'failed' ? r.body : undefined;
  });
}

/** The object's live rows by key, as a reader sees them: files in manifest order, the last write of a key wins. */
async function liveRows(object: string) {
  const files = await lake.filesOf(object);
  const counts = new Map<string, number>();
  const rows = new Map<string, Record<string, unknown>>();
  if (!files.length) return { rows, counts };
  const duck = await DuckDBInstance.create(':memory:');
  const c = await duck.connect();
  try {
    for (const f of files) {
      const read = await c.runAndReadAll(`SELECT * FROM read_parquet('${f}')`);
      for (const r of read.getRowObjectsJS()) {
        rows.set(String(r.id), r);
        counts.set(String(r.id), (counts.get(String(r.id)) ?? 0) + 1);
      }
    }
  } finally {
    c.closeSync();
    duck.closeSync();
  }
  return { rows, counts };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kpi-ingestion-'));
  stack = await startStack({ dataDir: join(root, 'vendor'), ports: 'free' });
  const issued = await issueLicense({
    api: stack.urls.api,
    adminToken: () => stack.token('ada@vendor.example'),
    tenantId: 'contoso',
    configurationId: 'cfg-ingestion-tests',
    kpiIds: ['order-count'],
    expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
  });
  [dep, pg] = await Promise.all([
    startClientDeployment({
      tenantId: 'contoso',
      deploymentId: 'contoso-ingest',
      vendorApi: stack.urls.api,
      authIssuer: stack.urls.issuer,
      authAudience: apiAudience,
      licenseKey: issued.key,
      dataDir: join(root, 'client'),
      // Not calculation: this test reads the `calculation` subscription of ingestion-events itself.
      apps: ['client-app', 'connector', 'mapping', 'ingestion'],
      ...(process.env.CLIENT_TEST_LOG ? { log: (l: string) => console.log(l) } : {}),
    }),
    freePort().then((port) => startPglite({ port })),
  ]);
  // 30 orders; one with a status the object does not know (quarantined); `amount` cast in a view, so a bad
  // value fails the read at its batch (PostgreSQL evaluates the cast as the cursor fetches).
  await pg.db.exec(`
    create table orders_raw (id text primary key, customer text, ordered_at timestamptz, status text, amount text, updated_at timestamptz not null);
    create index on orders_raw (updated_at);
    insert into orders_raw
      select 'o' || lpad(g::text, 4, '0'), 'c' || (g % 7), '2026-05-01'::timestamptz + g * interval '1 hour',
             case when g = 5 then 'lost' else 'open' end, (g * 10)::text,
             '2026-05-01'::timestamptz + g * interval '1 minute'
      from generate_series(1, 30) g;
    create view orders as select id, customer, ordered_at, status, amount::numeric as amount, updated_at from orders_raw;`);
  const cosmos = new CosmosClient({
    endpoint: dep.cosmos.endpoint,
    key: dep.cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  db = cosmos.database('kpi-client');
  const now = new Date().toISOString();
  await db.container('sources').items.upsert({
    id: 'erp',
    tenantId: 'contoso',
    name: 'ERP',
    status: 'ready',
    definition: {
      type: 'postgresql',
      host: '127.0.0.1',
      port: pg.port,
      database: 'postgres',
      user: 'postgres',
      sslMode: 'disable',
      schema: 'public',
    },
    providesObjects: ['SalesOrder'],
    origin: { kind: 'client' },
    secretRefs: [],
    createdAt: now,
    createdBy: OLIVIA,
    updatedAt: now,
    updatedBy: OLIVIA,
  });
  await db.container('mappings').items.upsert({
    id: MAPPING,
    tenantId: 'contoso',
    sourceId: 'erp',
    stream: 'orders',
    object: 'SalesOrder',
    version: 1,
    status: 'published',
    fields: {
      id: { column: 'id' },
      customerId: { column: 'customer' },
      orderedAt: { transform: { kind: 'date', column: 'ordered_at', format: 'iso' } },
      status: { column: 'status' },
      totalAmount: { transform: { kind: 'cast', column: 'amount' } },
    },
    createdBy: OLIVIA,
    createdAt: now,
    publishedBy: OLIVIA,
    publishedAt: now,
  });
  const account = dep.storage.accounts[storageAccountName('contoso-ingest')];
  if (!account) throw new Error('no storage account');
  lake = new ManifestLakeFiles(
    new CosmosManifestStore(db.container('lake-manifest')),
    AzureBlobStore.fromConnection({ kind: 'connectionString', value: account.connectionString }),
    join(root, 'lake-cache'),
  );
  bus = new ServiceBusClient(dep.serviceBus.connectionString);
  // Ingestion reads the object model from the snapshot client-app stores at start-up.
  await until(
    'the catalog snapshot',
    async () => {
      const res = await fetch(`${dep.api}/client-app/kpis`, {
        headers: { authorization: `Bearer ${await stack.token(VERA)}` },
      });
      return res.status === 200 ? true : undefined;
    },
    120_000,
  );
}, 300_000);

afterAll(async () => {
  await bus?.close();
  await dep?.stop();
  await pg?.stop();
  await stack?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('ingestion', { timeout: 180_000 }, () => {
  it('full load into the lake with a manifest; quarantine counted; incremental picks up a changed row', async () => {
    const full = await run({ mode: 'full', cursorField: 'updated_at' });
    expect(full).toMatchObject({
      status: 'succeeded',
      mode: 'full',
      rowsRead: 30,
      rowsWritten: 29,
      rowsQuarantined: 1,
    });
    expect(full.rowsRead).toBe(full.rowsWritten + full.rowsQuarantined);
    const manifest = await lake.manifestOf('SalesOrder');
    expect(manifest).toMatchObject({ rows: 29, version: full.manifestVersion });
    expect(manifest?.files.every((f) => f.path.startsWith('SalesOrder/'))).toBe(true);
    const before = await liveRows('SalesOrder');
    expect(before.rows.size).toBe(29);
    expect(before.rows.has('o0005')).toBe(false);

    const q = await call('GET', `quarantine?mappingId=${MAPPING}`, { as: OLIVIA });
    expect(
      q.body.items.map((r: { row: number; errors: { field: string; value: string; code: string }[] }) => [
        r.row,
        r.errors[0],
      ]),
    ).toEqual([
      [5, expect.objectContaining({ field: 'status', value: 'lost', code: 'VALUE.ENUM_UNMAPPED' })],
    ]);
    const csv = await call('GET', `quarantine.csv?mappingId=${MAPPING}`, { as: OLIVIA });
    expect(csv.text.split('\r\n')[1]).toMatch(new RegExp(`^${full.id},5,status,lost,VALUE.ENUM_UNMAPPED,`));
    expect((await call('GET', `quarantine?mappingId=${MAPPING}`, { as: VERA })).status).toBe(403);

    await pg.db.exec(
      `update orders_raw set status = 'shipped', amount = '12345', updated_at = '2026-06-01' where id = 'o0003'`,
    );
    const inc = await run({});
    expect(inc).toMatchObject({ status: 'succeeded', mode: 'incremental' });
    // The boundary row (the stored cursor) is read again and upserted by key: 2 rows.
    expect(inc.rowsRead).toBe(2);
    const after = await liveRows('SalesOrder');
    expect(after.rows.get('o0003')).toMatchObject({ status: 'shipped', totalAmount: 12345 });
    expect(after.rows.size).toBe(29);

    const runs = await call('GET', `runs?mappingId=${MAPPING}`, { as: VERA });
    expect(runs.body.items.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([full.id, inc.id]),
    );
    expect((await call('POST', 'runs', { as: VERA, body: { mappingId: MAPPING } })).status).toBe(403);
    expect((await call('POST', 'runs', { as: OLIVIA, body: { mappingId: 'nope' } })).body.error.code).toBe(
      'INGESTION.MAPPING_NOT_PUBLISHED',
    );
  });

  it('a source failing mid-run leaves the cursor at the last batch written; the next run loads the rest', async () => {
    // 300 more orders; the 150th has an amount the view cannot cast: the read fails at its batch.
    await pg.db.exec(`
      insert into orders_raw
        select 'n' || lpad(g::text, 4, '0'), 'c1', '2026-06-02'::timestamptz + g * interval '1 minute', 'open',
               case when g = 150 then 'x' else g::text end, '2026-06-02'::timestamptz + g * interval '1 second'
        from generate_series(1, 300) g;`);
    const failed = await run({});
    expect(failed.status).toBe('failed');
    expect(failed.errors.at(-1).code).toMatch(/^SOURCE\./);
    expect(failed.rowsWritten).toBeGreaterThanOrEqual(100);
    expect(failed.rowsWritten).toBeLessThan(150);
    const cursor = await db.container('ingestion-cursors').item(MAPPING, MAPPING).read();
    expect(cursor.resource?.cursorValue).toBe(failed.cursorAfter);
    const partial = await liveRows('SalesOrder');
    expect([...partial.rows.keys()].filter((k) => k.startsWith('n')).length).toBe(failed.rowsWritten - 1);

    await pg.db.exec(`update orders_raw set amount = '150' where id = 'n0150'`);
    const rest = await run({});
    expect(rest).toMatchObject({ status: 'succeeded', cursorBefore: failed.cursorAfter });
    const all = await liveRows('SalesOrder');
    const ids = [...all.rows.keys()].filter((k) => k.startsWith('n')).sort();
    expect(ids).toEqual(Array.from({ length: 300 }, (_, i) => `n${String(i + 1).padStart(4, '0')}`));
  });

  it('push: records.appended published once; a retried push adds no duplicate, key by key', async () => {
    const created = await call('POST', 'push-keys', {
      as: OLIVIA,
      body: { sourceId: 'erp', name: 'webshop' },
    });
    expect(created.status, created.text).toBe(201);
    const key = created.body.key as string;
    expect((await call('GET', 'push-keys', { as: OLIVIA })).text).not.toContain(key.split('.')[1]);
    const records = Array.from({ length: 50 }, (_, i) => ({
      id: `p${String(i).padStart(3, '0')}`,
      customer: 'c9',
      ordered_at: '2026-07-01T08:00:00Z',
      status: i === 7 ? 'bogus' : 'open',
      amount: String(i),
    }));
    const push = (batchId: string, as = key) =>
      call('POST', 'objects/SalesOrder/records', {
        headers: { authorization: `PushKey ${as}` },
        body: { batchId, records },
      });
    const first = await push('batch-1');
    expect(first.body).toMatchObject({ accepted: 49, quarantined: 1, duplicate: false });
    const again = await push('batch-1');
    expect(again.body).toMatchObject({
      accepted: 49,
      duplicate: true,
      manifestVersion: first.body.manifestVersion,
    });
    const { counts } = await liveRows('SalesOrder');
    const pushed = [...counts].filter(([k]) => k.startsWith('p'));
    expect(pushed).toHaveLength(49);
    expect(pushed.every(([, n]) => n === 1)).toBe(true);

    const receiver = bus.createReceiver('ingestion-events', 'calculation');
    const appended: { data: { batchId: string; rows: number } }[] = [];
    try {
      await until('records.appended', async () => {
        for (const m of await receiver.receiveMessages(50, { maxWaitTimeInMs: 1000 })) {
          await receiver.completeMessage(m);
          if (m.body?.type === 'records.appended') appended.push(m.body);
        }
        return appended.length ? true : undefined;
      });
      // Drain what else is there: still one records.appended for the batch.
      for (const m of await receiver.receiveMessages(50, { maxWaitTimeInMs: 1000 })) {
        await receiver.completeMessage(m);
        if (m.body?.type === 'records.appended') appended.push(m.body);
      }
    } finally {
      await receiver.close();
    }
    expect(appended.map((e) => [e.data.batchId, e.data.rows])).toEqual([['batch-1', 49]]);

    expect((await push('batch-2', 'pk_nope.aaaaaaaaaaaaaaaaaaaaaaaa')).body.error.code).toBe(
      'INGESTION.PUSH_KEY_INVALID',
    );
    expect((await call('DELETE', `push-keys/${created.body.id}`, { as: OLIVIA })).status).toBe(200);
    expect((await push('batch-3')).status).toBe(401);
  });

  it('replays the quarantine after the mapping is fixed; OpenAPI lists the routes', async () => {
    await db.container('mappings').items.upsert({
      ...(await db.container('mappings').item(MAPPING, 'contoso').read()).resource,
      version: 2,
      fields: {
        id: { column: 'id' },
        customerId: { column: 'customer' },
        orderedAt: { transform: { kind: 'date', column: 'ordered_at', format: 'iso' } },
        status: {
          transform: {
            kind: 'enum',
            column: 'status',
            values: { open: 'open', shipped: 'shipped' },
            default: 'cancelled',
          },
        },
        totalAmount: { transform: { kind: 'cast', column: 'amount' } },
      },
    });
    const replay = await call('POST', 'quarantine/replay', { as: OLIVIA, body: { mappingId: MAPPING } });
    // The order quarantined by the load and the pushed record with an unknown status.
    expect(replay.body).toMatchObject({ replayed: 2, written: 2, stillFailing: 0 });
    expect((await liveRows('SalesOrder')).rows.get('o0005')).toMatchObject({ status: 'cancelled' });
    const open = await call('GET', `quarantine?mappingId=${MAPPING}&status=open`, { as: OLIVIA });
    expect(open.body.items).toEqual([]);

    const doc = await fetch(`${dep.api}/ingestion/openapi.json`).then(
      (r) => r.json() as Promise<{ paths: Record<string, unknown> }>,
    );
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/ingestion/objects/{object}/records',
        '/ingestion/openapi.json',
        '/ingestion/push-keys',
        '/ingestion/push-keys/{keyId}',
        '/ingestion/quarantine',
        '/ingestion/quarantine.csv',
        '/ingestion/quarantine/replay',
        '/ingestion/runs',
        '/ingestion/runs/{runId}',
      ].map((p) => p.replace('/ingestion', '/api/ingestion')),
    );
  });
});

/**
 * Ingestion, two figures each beside its baseline from the same run:
 * 1. Full load of N rows (default 1,000,000) from PostgreSQL (PGlite over TCP) into the lake: the run use
 *    case with its real adapters (connectors' server-side cursor, mapping, DuckDB Parquet, Azurite blobs,
 *    Cosmos manifest/run/cursor stores) vs a bare `pg` cursor read of the same table. Target ≥ 0.5×.
 * 2. Push intake of 100-record batches over HTTP: the push use case (push-key check, mapping, Parquet,
 *    blob, manifest swap with If-Match, idempotency record) vs a bare server doing the same validation,
 *    mapping, Parquet write and blob upload, both behind node:http in this process and driven the same way.
 *    Target ≥ 0.7×. The Functions host is not in either path (see http-edge.bench.ts for its cost).
 *
 * `npm run bench -- ingestion [rows]`
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CosmosClient } from '@azure/cosmos';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { DuckDbParquet } from '../functions/ingestion/lake/duckdb-parquet';
import { Lake } from '../functions/ingestion/lake/lake';
import { mapRows } from '../functions/ingestion/model/map-rows';
import { CosmosPushKeyStore, CosmosPushOutcomes } from '../functions/ingestion/push/cosmos-push-stores';
import { authenticatePush, CachedPushKeys, createPushKey } from '../functions/ingestion/push/push-keys';
import { pushRecords } from '../functions/ingestion/push/push-records';
import {
  CosmosCursorStore,
  CosmosQuarantineStore,
  CosmosRunStore,
} from '../functions/ingestion/runs/cosmos-run-stores';
import { executeRun, type RunDeps } from '../functions/ingestion/runs/run-ingestion';
import { startAzurite } from '../local/azurite/azurite';
import { startCosmos } from '../local/cosmos/cosmos';
import { ensureCosmosContainers, loadClientCosmosContainers } from '../local/cosmos/ensure-containers';
import { freePort } from '../local/net';
import { Connectors, parseDefinition } from '../shared/connectors/connectors';
import { MemorySecretStore } from '../shared/connectors/fixtures';
import { pushRecordsSchema } from '../shared/contracts/ingestion';
import { LAKE_CONTAINER } from '../shared/contracts/lake';
import type { Mapping } from '../shared/contracts/mapping';
import type { StoredSource } from '../shared/contracts/source';
import { loadCatalog } from '../shared/domain/catalog/load-catalog';
import { compileMapping } from '../shared/domain/mapping/index';
import { AzureBlobStore } from '../shared/platform/blob/azure-blob-store';
import { CosmosManifestStore } from '../shared/platform/lake/cosmos-manifest-store';
import { createLogger } from '../shared/platform/log';
import { MemoryEventPublisher } from '../shared/platform/servicebus/memory-ports';
import { startScript } from './lib/processes';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const PUSH_SECONDS = 8;
const PUSH_BATCH = 100;
const log = createLogger({}, () => {});

const found = loadCatalog().objects.find((o) => o.name === 'SalesOrder');
if (!found) throw new Error('no SalesOrder in the catalog');
const object = found;
const mapping: Mapping = {
  id: 'bench-orders',
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
    itemCount: { column: 'items' },
  },
  createdBy: 'bench',
  createdAt: '2026-01-01T00:00:00.000Z',
};

const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
const fmt = (n: number) => n.toLocaleString('en-US');

async function bareRead(port: number): Promise<number> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  await client.query('begin');
  await client.query('declare c no scroll cursor for select * from orders order by updated_at, id');
  let n = 0;
  for (;;) {
    const { rows } = await client.query('fetch forward 5000 from c');
    n += rows.length;
    if (rows.length < 5000) break;
  }
  await client.query('commit');
  await client.end();
  return n;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

async function drive(url: string, headers: Record<string, string>) {
  const records = Array.from({ length: PUSH_BATCH }, (_, i) => ({
    id: `x${i}`,
    customer: 'c1',
    ordered_at: '2026-07-01T08:00:00Z',
    status: 'open',
    amount: String(i),
    items: 2,
  }));
  let k = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 8,
    duration: PUSH_SECONDS,
    requests: [
      {
        setupRequest: (req) => {
          const batch = `b${++k}-${randomUUID()}`;
          return {
            ...req,
            headers: { ...req.headers, ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({
              batchId: batch,
              records: records.map((r) => ({ ...r, id: `${batch}-${r.id}` })),
            }),
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'kpi-bench-ingest-'));
  const pgPort = await freePort();
  const [pgServer, azurite, cosmos] = await Promise.all([
    // The database in its own process, as a client's server is: reading overlaps writing as it would.
    startScript(join(__dirname, 'servers', 'pglite-server.ts'), [String(pgPort)], {}),
    (async () =>
      startAzurite({
        dataDir: join(dir, 'azurite'),
        blobPort: await freePort(),
        queuePort: await freePort(),
        tablePort: await freePort(),
      }))(),
    freePort().then((port) => startCosmos({ port, dataDir: join(dir, 'cosmos'), snapshotDelayMs: 600_000 })),
  ]);
  const parquet = await DuckDbParquet.open({ threads: 2 });
  try {
    let t = performance.now();
    const admin = new Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query(`
      create table orders (id text primary key, customer text, ordered_at timestamptz, status text, amount numeric, items int, updated_at timestamptz not null);
      insert into orders select 'o' || g, 'c' || (g % 1000), '2026-01-01'::timestamptz + g * interval '1 minute',
        case when g % 3 = 0 then 'shipped' else 'open' end, (g % 1000) * 1.5, g % 9, '2026-01-01'::timestamptz + g * interval '1 second'
      from generate_series(1, ${ROWS}) g;
      create index on orders (updated_at);`);
    await admin.end();
    console.log(
      `ingestion bench: ${fmt(ROWS)} rows in PGlite (filled in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );

    const client = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const declared = loadClientCosmosContainers();
    await ensureCosmosContainers(client, declared);
    const db = client.database(declared.database);
    const blobs = AzureBlobStore.fromConnection({
      kind: 'connectionString',
      value: azurite.connectionString,
    });
    const lake = new Lake({
      manifests: new CosmosManifestStore(db.container('lake-manifest')),
      blobs,
      parquet,
      clock: () => new Date(),
      log,
    });
    const source: StoredSource = {
      id: 'erp',
      tenantId: 'contoso',
      name: 'ERP',
      status: 'ready',
      definition: parseDefinition({
        type: 'postgresql',
        host: '127.0.0.1',
        port: pgPort,
        database: 'postgres',
        user: 'postgres',
        sslMode: 'disable',
      }),
      providesObjects: ['SalesOrder'],
      origin: { kind: 'client' },
      secretRefs: [],
      createdAt: '',
      createdBy: '',
      updatedAt: '',
      updatedBy: '',
    };
    const connectors = new Connectors({ secrets: new MemorySecretStore(), log, blobs });
    const deps: RunDeps = {
      runs: new CosmosRunStore(db.container('ingestion-runs')),
      cursors: new CosmosCursorStore(db.container('ingestion-cursors')),
      quarantine: new CosmosQuarantineStore(db.container('quarantine')),
      mappings: {
        get: async () => mapping,
        forSourceObject: async () => mapping,
        forSource: async () => [mapping],
      },
      sources: { get: async () => source, scheduled: async () => [] },
      objects: { object: async () => object },
      lake,
      read: (s, r) => connectors.read(parseDefinition(s.definition), r),
      publisher: new MemoryEventPublisher(),
      eventsTopic: 'ingestion-events',
      clock: () => new Date(),
      log,
    };

    // Baseline first and again last: the figure is compared with the better of the two reads.
    t = performance.now();
    const baseRows1 = await bareRead(pgPort);
    const base1 = performance.now() - t;
    t = performance.now();
    const run = await executeRun(deps, {
      runId: 'bench-full',
      mappingId: mapping.id,
      mode: 'full',
      cursorField: 'updated_at',
      batchSize: 10_000,
      trigger: 'http',
      requestedBy: 'bench',
    });
    const ours = performance.now() - t;
    t = performance.now();
    const baseRows2 = await bareRead(pgPort);
    const base2 = performance.now() - t;
    if (run.status !== 'succeeded') throw new Error(`run failed: ${JSON.stringify(run.errors)}`);
    const manifest = await lake.manifest('SalesOrder');
    const baseline = Math.min(base1, base2);
    console.log('full load (PostgreSQL → lake)');
    console.log(
      `  bare pg cursor read          ${fmt(rate(baseRows1 === baseRows2 ? baseRows1 : NaN, baseline)).padStart(10)} rows/s  (${(baseline / 1000).toFixed(1)} s)`,
    );
    console.log(
      `  ingestion run (full)         ${fmt(rate(run.rowsRead, ours)).padStart(10)} rows/s  (${(ours / 1000).toFixed(1)} s, ${manifest?.files.length} files, ${fmt(manifest?.rows ?? 0)} rows live, quarantined ${run.rowsQuarantined})`,
    );
    console.log(`  ratio                        ${(baseline / ours).toFixed(2)}×  (target ≥ 0.5×)`);

    // ---- push intake
    const pushKeys = new CachedPushKeys(new CosmosPushKeyStore(db.container('push-keys')));
    const created = await createPushKey(
      { pushKeys, sources: deps.sources, clock: () => new Date() },
      { sourceId: 'erp', name: 'bench' },
      'bench',
    );
    const pushDeps = { ...deps, pushes: new CosmosPushOutcomes(db.container('ingestion-effects')) };
    const compiled = compileMapping(mapping, object);
    const body = async (req: import('node:http').IncomingMessage) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    };
    const oursServer = createServer(async (req, res) => {
      try {
        const { sourceId } = await authenticatePush({ pushKeys }, req.headers.authorization ?? null);
        const parsed = pushRecordsSchema.parse(await body(req));
        const result = await pushRecords(pushDeps, { sourceId, object: 'SalesOrder', body: parsed });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    });
    let bareN = 0;
    const bareServer = createServer(async (req, res) => {
      try {
        const parsed = pushRecordsSchema.parse(await body(req));
        const { records } = mapRows(compiled, object, parsed.records, {
          firstRow: 1,
          mappingId: mapping.id,
          runId: 'bare',
          at: new Date().toISOString(),
        });
        const written = await parquet.write(object, records);
        await blobs.putBytes(
          LAKE_CONTAINER,
          `Bare/${++bareN}.parquet`,
          written.bytes,
          'application/vnd.apache.parquet',
        );
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ accepted: records.length }));
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    });
    const [oursPort, barePort] = await Promise.all([listen(oursServer), listen(bareServer)]);
    const bare = await drive(`http://127.0.0.1:${barePort}/`, {});
    const push = await drive(`http://127.0.0.1:${oursPort}/`, { authorization: `PushKey ${created.key}` });
    const after = await lake.manifest('SalesOrder');
    oursServer.close();
    bareServer.close();
    console.log(`push intake (${PUSH_BATCH} records a call, 8 connections, ${PUSH_SECONDS} s)`);
    console.log(
      `  bare server (validate, map, Parquet, blob)   ${bare.rps.toFixed(1).padStart(7)} calls/s  p99 ${bare.p99} ms  non-2xx ${bare.non2xx}`,
    );
    console.log(
      `  ingestion push (+ key, swap, idempotency)    ${push.rps.toFixed(1).padStart(7)} calls/s  p99 ${push.p99} ms  non-2xx ${push.non2xx}  (manifest v${after?.version}, ${after?.files.length} files)`,
    );
    console.log(
      `  ratio                                        ${(push.rps / bare.rps).toFixed(2)}×  (target ≥ 0.7×)`,
    );
  } finally {
    parquet.close();
    pgServer.kill();
    // A stand-in slow to stop must not hold the figures back.
    await Promise.race([
      Promise.all([azurite.stop(), cosmos.stop()]),
      new Promise((r) => setTimeout(r, 5_000)),
    ]);
    await rm(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

/**
 * The calculation app in a client deployment, through the real SDKs: the vendor stack issues a licence, the
 * deployment's client-app stores the signed snapshot, this test writes a small lake (Parquet in the
 * deployment's Blob, manifests in its Cosmos) and publishes `ingestion.completed` to its broker, as ingestion
 * will. Results, incremental reach, redelivery, dead-lettering, run-time failures, the change feed, ETags,
 * breakdowns and roles. Polls, never sleeps.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Container, CosmosClient } from '@azure/cosmos';
import { ServiceBusClient } from '@azure/service-bus';
import { BlobServiceClient } from '@azure/storage-blob';
import { DuckDbSession } from '@kpi/shared/calculation/duckdb-session';
import { writeRecordsToParquet } from '@kpi/shared/calculation/parquet-writer';
import { sameValue } from '@kpi/shared/calculation/sample-lake';
import type { KpiResult } from '@kpi/shared/contracts/calculation';
import type { LakeManifest } from '@kpi/shared/contracts/lake';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientDeployment,
  startClientDeployment,
  storageAccountName,
} from '../../local/client/client-deployment';
import { issueLicense } from '../../local/client/issue-license';
import { apiAudience, type Stack, startStack } from '../../local/stack';

const DAY = 86_400_000;
const KPIS = ['gross-margin', 'otif-rate', 'revenue-growth'];
const OLIVIA = 'olivia@contoso.example'; // owner
const VERA = 'vera@contoso.example'; // viewer
const catalog = loadCatalog();
const objects = new Map(catalog.objects.map((o) => [o.name, o]));
const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
const formula = (id: string) => catalog.kpis.find((k) => k.id === id)!.formula;

const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const monthKey = (t: number) => new Date(t).toISOString().slice(0, 7);
/** The day the second Shipment load touches: mid-month, two months back. */
const touched = Date.UTC(new Date(today).getUTCFullYear(), new Date(today).getUTCMonth() - 2, 15, 12);

let stack: Stack;
let dep: ClientDeployment;
let root: string;
let session: DuckDbSession;
let manifests: Container;
let blobs: BlobServiceClient;
let bus: ServiceBusClient;
const data: Record<string, Record<string, unknown>[]> = { SalesOrderLine: [], Shipment: [] };

function lines(from: number, days: number, prefix: string) {
  return Array.from({ length: days }, (_, i) => {
    const t = from + i * DAY + 9 * 3_600_000;
    const net = 50 + (i % 17) * 10;
    return {
      id: `${prefix}-${i}`,
      orderId: `o-${i}`,
      productId: i % 3 === 0 ? 'p-a' : 'p-b',
      orderedAt: t,
      quantity: 1,
      netAmount: net,
      costAmount: net * (i % 4 === 0 ? 0.8 : 0.55),
    };
  });
}

function shipments(from: number, days: number, prefix: string, late: boolean) {
  return Array.from({ length: days }, (_, i) => {
    const t = from + i * DAY + 8 * 3_600_000;
    return {
      id: `${prefix}-${i}`,
      customerId: 'c-1',
      carrierId: 'k-1',
      originId: 's-1',
      shippedAt: t,
      promisedAt: t + 2 * DAY,
      deliveredAt: t + (late || i % 4 === 0 ? 3 : 1) * DAY,
      isInFull: i % 6 !== 0,
    };
  });
}

/** Writes one Parquet file for `object` into the lake and swaps its manifest, as ingestion does. */
async function load(object: string, runId: string, records: Record<string, unknown>[], garbage = false) {
  const local = join(root, `${runId}.parquet`);
  if (!garbage) await writeRecordsToParquet(session, objects.get(object)!, records, local);
  const bytes = garbage ? Buffer.from('this is not parquet') : await readFile(local);
  const path = `${object}/${runId}-0.parquet`;
  const lake = blobs.getContainerClient('lake');
  await lake.createIfNotExists();
  await lake.getBlockBlobClient(path).uploadData(bytes);
  const { resource: prev } = await manifests.item(object, object).read<LakeManifest>();
  const time = objects.get(object)!.timeField!;
  const times = records.map((r) => r[time] as number);
  const manifest: LakeManifest = {
    id: object,
    object,
    version: (prev?.version ?? 0) + 1,
    files: [
      ...(prev?.files ?? []),
      {
        path,
        rows: garbage ? 1 : records.length,
        bytes: bytes.length,
        writtenBy: runId,
        writtenAt: new Date().toISOString(),
        ...(times.length
          ? {
              timeRange: {
                from: new Date(Math.min(...times)).toISOString(),
                to: new Date(Math.max(...times)).toISOString(),
              },
            }
          : {}),
      },
    ],
    keysUnique: false,
    rows: (prev?.rows ?? 0) + records.length,
    updatedAt: new Date().toISOString(),
  };
  await manifests.items.upsert(manifest);
  if (!garbage) data[object]!.push(...records);
  return manifest;
}

function completed(m: LakeManifest, runId: string) {
  const f = m.files.at(-1)!;
  return {
    messageId: `${runId}:${m.version}`,
    body: {
      type: 'ingestion.completed',
      subject: m.object,
      time: new Date().toISOString(),
      data: {
        runId,
        object: m.object,
        sourceId: 'erp',
        mappingId: `erp-${m.object}`,
        mode: 'incremental',
        rowsWritten: f.rows,
        rowsQuarantined: 0,
        ...(f.timeRange ? { timeRange: f.timeRange } : {}),
        manifestVersion: m.version,
        completedAt: new Date().toISOString(),
      },
    },
    contentType: 'application/json',
  };
}

async function publish(...messages: { messageId: string; body: unknown }[]) {
  const sender = bus.createSender('ingestion-events');
  try {
    await sender.sendMessages(messages);
  } finally {
    await sender.close();
  }
}

async function call(
  method: string,
  path: string,
  o: { as?: string; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: checked by the assertions
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.as) headers.authorization = `Bearer ${await stack.token(o.as, { ttlSeconds: 3600 })}`;
  const res = await fetch(`${dep.api}/calculation/${path}`, { method, headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** Polls until `check` returns a value (generous: a busy machine, a DuckDB cold start). */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const monthResults = async (): Promise<KpiResult[]> =>
  (await call('GET', 'results?grain=month', { as: VERA })).body.items;
const byId = (rs: KpiResult[]) => new Map(rs.map((r) => [r.id, r]));

const expectEvaluator = (r: KpiResult) => {
  const expected = engine.evaluate(formula(r.kpiId), data, { start: r.periodStart, end: r.periodEnd }).value;
  expect(sameValue(r.value, expected), `${r.id}: ${r.value} vs evaluator ${expected}`).toBe(true);
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kpi-calc-'));
  session = await DuckDbSession.open({ threads: 1 });
  stack = await startStack({ dataDir: join(root, 'vendor'), ports: 'free' });
  const issued = await issueLicense({
    api: stack.urls.api,
    adminToken: () => stack.token('ada@vendor.example'),
    tenantId: 'contoso',
    configurationId: 'cfg-calculation-tests',
    kpiIds: KPIS,
    expiresAt: new Date(Date.now() + 365 * DAY).toISOString(),
  });
  dep = await startClientDeployment({
    tenantId: 'contoso',
    deploymentId: 'contoso-calc',
    vendorApi: stack.urls.api,
    authIssuer: stack.urls.issuer,
    authAudience: apiAudience,
    licenseKey: issued.key,
    dataDir: join(root, 'client'),
    // Only the snapshot (client-app) and the app under test; the test writes the lake itself.
    apps: ['client-app', 'calculation'],
    ...(process.env.CLIENT_TEST_LOG ? { log: (l: string) => console.log(l) } : {}),
  });
  const cosmos = new CosmosClient({
    endpoint: dep.cosmos.endpoint,
    key: dep.cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  manifests = cosmos.database('kpi-client').container('lake-manifest');
  blobs = BlobServiceClient.fromConnectionString(
    dep.storage.accounts[storageAccountName(dep.deploymentId)]!.connectionString,
  );
  bus = new ServiceBusClient(dep.serviceBus.connectionString);
  // client-app has stored the snapshot once its KPIs are served.
  await until('the snapshot', async () => {
    const r = await fetch(`${dep.api}/client-app/kpis`, {
      headers: { authorization: `Bearer ${await stack.token(VERA)}` },
    });
    return r.status === 200 ? true : undefined;
  });
}, 300_000);

afterAll(async () => {
  await bus?.close();
  session?.close();
  await dep?.stop();
  await stack?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('calculation in a client deployment', { timeout: 300_000 }, () => {
  const start = today - 420 * DAY;
  let first: Map<string, KpiResult>;
  let token: string;

  it('ingestion events give every entitled KPI its results, with status bands, equal to the evaluator', async () => {
    const sol = await load('SalesOrderLine', 'sol-1', lines(start, 420, 'l1'));
    const shp = await load('Shipment', 'shp-1', shipments(start, 420, 's1', false));
    await publish(completed(sol, 'sol-1'), completed(shp, 'shp-1'));
    const results = await until('results of every KPI', async () => {
      const rs = await monthResults();
      return rs.length === KPIS.length * 25 ? rs : undefined;
    });
    first = byId(results);
    const march = monthKey(today - 100 * DAY);
    for (const id of [
      `gross-margin:month:${march}`,
      `revenue-growth:month:${march}`,
      `otif-rate:month:${march}`,
    ]) {
      const r = first.get(id)!;
      expect(['good', 'warning', 'critical']).toContain(r.status);
      expectEvaluator(r);
    }
    expect(first.get(`gross-margin:month:${march}`)).toMatchObject({
      target: 35,
      direction: 'higher-is-better',
    });
    expect(results.filter((r) => r.toDate)).toHaveLength(3);
    // Quarters and years too, equal to the evaluator.
    const quarters = (await call('GET', 'results?grain=quarter&kpis=gross-margin', { as: VERA })).body.items;
    expect(quarters).toHaveLength(9);
    for (const q of quarters) expectEvaluator(q);
    token = (await call('GET', 'results/changes?since=0&limit=1000', { as: VERA })).body.token;
    expect(Number(token)).toBeGreaterThan(0);
  });

  it('a load of one object recomputes only the KPIs that read it, for the periods it reaches', async () => {
    const shp = await load('Shipment', 'shp-2', shipments(touched, 1, 's2', true));
    await publish(completed(shp, 'shp-2'));
    const after = byId(
      await until('otif-rate from the second load', async () => {
        const rs = await monthResults();
        return rs.find((r) => r.id === `otif-rate:month:${monthKey(touched)}`)?.inputs.Shipment === 2
          ? rs
          : undefined;
      }),
    );
    const otif = after.get(`otif-rate:month:${monthKey(touched)}`)!;
    expect(otif.computedAt).not.toBe(first.get(otif.id)!.computedAt);
    expectEvaluator(otif);
    // Other KPIs and other months of otif-rate were not recomputed.
    for (const [id, r] of after) {
      if (id === otif.id) continue;
      expect(r.computedAt, id).toBe(first.get(id)!.computedAt);
    }
    const changes = await call('GET', `results/changes?since=${token}`, { as: VERA });
    expect(new Set(changes.body.items.map((r: KpiResult) => r.kpiId))).toEqual(new Set(['otif-rate']));
    expect(changes.body.items.map((r: KpiResult) => r.id)).toContain(otif.id);
    token = changes.body.token;
    expect(Number(token)).toBeGreaterThan(0);
  });

  it('a redelivered event changes nothing; an unprocessable one is dead-lettered with its reason', async () => {
    const { resource: shp } = await manifests.item('Shipment', 'Shipment').read<LakeManifest>();
    await publish(completed(shp!, 'shp-2'), {
      messageId: 'bad-1',
      body: { type: 'ingestion.completed', data: {} },
    });
    const dlq = bus.createReceiver('ingestion-events', 'calculation', {
      subQueueType: 'deadLetter',
      receiveMode: 'receiveAndDelete',
    });
    const dead = await until(
      'the dead letter',
      async () => (await dlq.receiveMessages(1, { maxWaitTimeInMs: 2000 }))[0],
    );
    await dlq.close();
    expect(dead.messageId).toBe('bad-1');
    expect(dead.deadLetterReason).toBe('InvalidMessage');
    // A later real change is processed after the duplicate was delivered: still no otif-rate write.
    const sol = await load('SalesOrderLine', 'sol-2', lines(touched, 1, 'l2'));
    await publish(completed(sol, 'sol-2'));
    const changes = await until('the SalesOrderLine change', async () => {
      const c = await call('GET', `results/changes?since=${token}`, { as: VERA });
      return c.body.items.length ? c.body : undefined;
    });
    expect(new Set(changes.items.map((r: KpiResult) => r.kpiId))).toEqual(
      new Set(['gross-margin', 'revenue-growth']),
    );
    token = changes.token;
  });

  it('a formula that fails at run time gives its KPI an error state; the others compute (recompute command)', async () => {
    await load('Shipment', 'shp-3', [], true);
    expect((await call('POST', 'recompute', { as: VERA })).status).toBe(403);
    const run = await call('POST', 'recompute', { as: OLIVIA });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ kind: 'full', kpis: 3, errors: 1 });
    const rs = byId(await monthResults());
    const otif = rs.get(`otif-rate:month:${monthKey(touched)}`)!;
    expect(otif).toMatchObject({ status: 'error', value: null, error: { code: 'CALC.RUN_FAILED' } });
    const gm = rs.get(`gross-margin:month:${monthKey(touched)}`)!;
    expect(['good', 'warning', 'critical']).toContain(gm.status);
    expectEvaluator(gm);
    const changes = await call('GET', `results/changes?since=${token}&limit=1000`, { as: VERA });
    expect(changes.body.items).toHaveLength(3 * 38);
  });

  it('reads: ETag, breakdown, entitlement, roles and the OpenAPI document', async () => {
    const list = await call('GET', 'results?grain=year', { as: VERA });
    const etag = list.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(
      (await call('GET', 'results?grain=year', { as: VERA, headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    const period = monthKey(today - 100 * DAY);
    const split = await call(
      'GET',
      `kpis/gross-margin/breakdown?dimension=SalesOrderLine.productId&grain=month&period=${period}`,
      { as: VERA },
    );
    expect(split.status).toBe(200);
    expect(split.body.groups.map((g: { value: string }) => g.value).sort()).toEqual(['p-a', 'p-b']);
    const pa = split.body.groups.find((g: { value: string }) => g.value === 'p-a');
    const mine = { ...data, SalesOrderLine: data.SalesOrderLine!.filter((r) => r.productId === 'p-a') };
    const expected = engine.evaluate(formula('gross-margin'), mine, {
      start: split.body.periodStart,
      end: split.body.periodEnd,
    }).value;
    expect(sameValue(pa.kpiValue, expected)).toBe(true);
    const bad = await call(
      'GET',
      `kpis/gross-margin/breakdown?dimension=SalesOrderLine.nope&period=${period}`,
      {
        as: VERA,
      },
    );
    expect([bad.status, bad.body.error.code]).toEqual([400, 'CALC.BAD_DIMENSION']);
    // net-revenue is in the snapshot (revenue-growth references it) but not entitled.
    expect((await call('GET', 'results?kpis=net-revenue', { as: VERA })).body.error.code).toBe(
      'CALC.KPI_NOT_FOUND',
    );
    expect((await call('GET', 'results', { as: 'alex@fabrikam.example' })).status).toBe(403);
    expect((await call('GET', 'results')).status).toBe(401);
    const doc = await call('GET', 'openapi.json');
    expect(Object.keys(doc.body.paths).sort()).toEqual(
      ['results', 'results/changes', 'kpis/{kpiId}/breakdown', 'recompute', 'openapi.json']
        .map((p) => `/api/calculation/${p}`)
        .sort(),
    );
  });
});

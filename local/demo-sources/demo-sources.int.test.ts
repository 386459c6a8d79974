import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connectors } from '@kpi/shared/connectors/connectors';
import { capturingLogger, collect, MemorySecretStore } from '@kpi/shared/connectors/fixtures';
import type { SourceDefinition } from '@kpi/shared/contracts/connector';
import { generateSampleData } from '@kpi/shared/domain/sample-data/index';
import { AzureBlobStore } from '@kpi/shared/platform/blob/azure-blob-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAzurite, startAzurite } from '../azurite/azurite';
import { freePort } from '../net';
import { type DemoSources, startDemoSources } from './demo-sources';

// One object per kind of source, small enough for a shared machine: two ERP tables, two CRM objects,
// one people object small enough for XLSX and one written as CSV (xlsxMaxRows 1,000).
const OBJECTS = ['Product', 'SalesOrder', 'Customer', 'Opportunity', 'Employee', 'TrainingRecord'];
const expected = generateSampleData('manufacturing');

let azurite: RunningAzurite;
let dataDir: string;
let server: Server;
let demo: DemoSources;
const secrets = new MemorySecretStore();
const { log, lines } = capturingLogger();
let connectors: Connectors;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-demo-sources-'));
  azurite = await startAzurite({
    dataDir: join(dataDir, 'azurite'),
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  const blobs = AzureBlobStore.fromConnection({ kind: 'connectionString', value: azurite.connectionString });
  let crm: DemoSources['crm'] = () => false;
  server = createServer((req, res) => {
    if (!crm(req, res)) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  demo = await startDemoSources({
    industry: 'manufacturing',
    objects: OBJECTS,
    erp: { port: await freePort(), dataDir: join(dataDir, 'erp') },
    crmBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm/v1`,
    blobs,
    container: 'client-files',
    secrets,
    xlsxMaxRows: 1000,
  });
  crm = demo.crm;
  connectors = new Connectors({ secrets, log, blobs });
});

afterAll(async () => {
  await demo?.erp.stop();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await azurite?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function count(def: SourceDefinition, stream: string, cursorField?: string) {
  let n = 0;
  for await (const b of connectors.read(def, {
    stream,
    batchSize: 1000,
    ...(cursorField ? { cursorField } : {}),
  }))
    n += b.records.length;
  return n;
}

describe('demo sources', () => {
  it('places each object in its source and every one is reachable', async () => {
    expect(Object.fromEntries(demo.objects.map((o) => [o.object.name, o.source]))).toEqual({
      Product: 'erp',
      SalesOrder: 'erp',
      Customer: 'crm',
      Opportunity: 'crm',
      Employee: 'files',
      TrainingRecord: 'files',
    });
    const { erp, crm, filesCsv, filesXlsx } = demo.definitions;
    for (const def of [erp, crm as SourceDefinition, filesCsv, filesXlsx]) {
      expect(await connectors.test(def)).toMatchObject({ ok: true });
    }
    console.log('demo sources timings (ms)', demo.timings);
  });

  it('holds exactly the sample data rows per object, read back through the connector', async () => {
    const { erp, crm, filesCsv, filesXlsx } = demo.definitions;
    const counts = {
      Product: await count(erp, 'Product'),
      SalesOrder: await count(erp, 'SalesOrder', 'orderedAt'),
      Customer: await count(crm as SourceDefinition, 'Customer'),
      Opportunity: await count(crm as SourceDefinition, 'Opportunity', 'createdAt'),
      Employee: await count(filesXlsx, 'Employee'),
      TrainingRecord: await count(filesCsv, 'TrainingRecord'),
    };
    expect(counts).toEqual(Object.fromEntries(OBJECTS.map((o) => [o, expected[o]?.length])));
    expect(counts.SalesOrder).toBeGreaterThan(1000);
  });

  it('keeps values and two years of history', async () => {
    const schema = await connectors.discover(demo.definitions.erp, {
      streams: ['SalesOrder'],
      sampleRows: 1,
    });
    const orders = schema.streams[0];
    expect(orders?.keyCandidates[0]).toEqual(['id']);
    expect(orders?.cursorCandidates).toContain('orderedAt');
    expect(orders?.rowEstimate).toBe(expected.SalesOrder?.length);
    const first = expected.SalesOrder?.find((r) => r.id === orders?.sampleRows[0]?.id) as Record<
      string,
      number
    >;
    expect(orders?.sampleRows[0]?.orderedAt).toBe(
      new Date(Math.round(first.orderedAt as number)).toISOString(),
    );
    const recent = await collect(
      connectors.read(demo.definitions.erp, {
        stream: 'SalesOrder',
        cursorField: 'orderedAt',
        cursorValue: '2024-12-01T00:00:00.000Z',
      }),
    );
    const n = recent.flatMap((b) => b.records).length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan((expected.SalesOrder?.length ?? 0) / 10);
    const xlsx = await connectors.discover(demo.definitions.filesXlsx);
    expect(xlsx.streams.map((s) => s.name)).toEqual(['Employee']);
  });

  it('asks the CRM for its API key and keeps it out of the logs', async () => {
    const res = await fetch(`${demo.definitions.crm?.baseUrl}/objects/Customer`);
    expect(res.status).toBe(401);
    const key = await secrets.get('demo-crm-api-key');
    expect(key).toBeTruthy();
    expect(lines.join('\n')).not.toContain(key as string);
    expect(JSON.stringify(demo.definitions)).not.toContain(key as string);
  });
});

/**
 * The connector through both stacks: the vendor platform (startStack) and one client deployment on its own
 * host, storage, Cosmos DB and Key Vault (startClientDeployment), with its demo sources (PGlite ERP, REST CRM,
 * files in its Blob storage) started for it. Each source type is created, tested and discovered through the
 * API; bad input answers stable codes; roles; unavailable types; secrets masked and searched for in the
 * host's logs and the Cosmos documents; the Config app's declarations arrive as drafts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientDeployment, startClientDeployment } from '../../local/client/client-deployment';
import { issueLicense } from '../../local/client/issue-license';
import {
  type DeploymentDemoSources,
  registerDemoSources,
  startDeploymentDemoSources,
} from '../../local/client/seed-sources';
import { apiAudience, type Stack, startStack } from '../../local/stack';

const OLIVIA = 'olivia@contoso.example'; // owner
const EDDIE = 'eddie@contoso.example'; // editor
const VERA = 'vera@contoso.example'; // viewer
const ALEX = 'alex@fabrikam.example'; // another tenant's admin
const CONFIGURATION = 'contoso-plant-analytics';
// One object per kind of source, small enough for a shared machine (as demo-sources.int.test.ts).
const OBJECTS = ['Product', 'SalesOrder', 'Customer', 'Opportunity', 'Employee', 'TrainingRecord'];

let stack: Stack;
let root: string;
let dep: ClientDeployment;
let demo: DeploymentDemoSources;
let ids: Record<string, string> = {};
const lines: string[] = [];
const closers: (() => Promise<void>)[] = [];
/** Secret values the tests send; none may appear in a log line or a Cosmos document. */
const sentSecrets: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kpi-connector-'));
  stack = await startStack({ dataDir: join(root, 'vendor'), ports: 'free' });
  const { key } = await issueLicense({
    api: stack.urls.api,
    adminToken: () => stack.token('ada@vendor.example'),
    tenantId: 'contoso',
    configurationId: CONFIGURATION,
    expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
  });
  // A second declaration beside the seeded SQL Server MES: one the connector can reach.
  const declared = await fetch(
    `${stack.urls.api}/demo-config/tenants/contoso/configurations/${CONFIGURATION}/sources`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${await stack.token(OLIVIA)}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'postgresql',
        name: 'Plant ERP',
        objects: [{ name: 'Product', fields: [] }],
      }),
    },
  );
  expect(declared.status).toBe(201);
  dep = await startClientDeployment({
    tenantId: 'contoso',
    deploymentId: 'contoso-connector-test',
    vendorApi: stack.urls.api,
    authIssuer: stack.urls.issuer,
    authAudience: apiAudience,
    licenseKey: key,
    dataDir: join(root, 'client'),
    // Only the deployment credential (client-app) and the app under test.
    apps: ['client-app', 'connector'],
    log: (line) => lines.push(line),
  });
  demo = await startDeploymentDemoSources(dep, {
    industry: 'manufacturing',
    objects: OBJECTS,
    dataDir: join(root, 'client'),
    xlsxMaxRows: 1000,
  });
  sentSecrets.push(
    (await dep.keyVault.getSecret('demo-erp-password')) as string,
    (await dep.keyVault.getSecret('demo-crm-api-key')) as string,
  );
  // Two stacks, a Functions host and a PGlite start on a shared 2-core machine.
}, 360_000);

afterAll(async () => {
  await demo?.stop();
  await dep?.stop();
  for (const close of closers) await close();
  await stack?.stop();
  if (root) await rm(root, { recursive: true, force: true });
}, 120_000);

async function call(
  method: string,
  path: string,
  o: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: checked by the assertions
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.as) headers.authorization = `Bearer ${await stack.token(o.as)}`;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${dep.api}/connector/${path}`, {
    method,
    headers,
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** A port where every connection is refused at once (listening, then closed: nothing of ours answers). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const streamsOf = async (id: string) =>
  ((await call('GET', `sources/${id}`, { as: OLIVIA })).body.discovered?.streams ?? []).map(
    (s: { name: string }) => s.name,
  );

describe('connector', () => {
  it('lists source types, the unreachable ones as not yet available', async () => {
    const { status, body } = await call('GET', 'source-types', { as: VERA });
    expect(status).toBe(200);
    const byType = Object.fromEntries(body.items.map((t: { type: string }) => [t.type, t]));
    expect(byType.postgresql).toMatchObject({ available: true, connector: 'postgresql' });
    expect(byType.csv).toMatchObject({ available: true, connector: 'blob-files' });
    for (const t of ['sqlserver', 'dynamics365', 'sap', 'salesforce']) {
      expect(byType[t]).toMatchObject({ available: false });
      expect(byType[t].message).toMatch(/not yet available/);
    }
  });

  it('registers, tests and discovers each demo source type end to end (ready, with streams)', async () => {
    ids = await registerDemoSources(dep, demo, () => stack.token(OLIVIA));
    const list = await call('GET', 'sources', { as: VERA });
    expect(list.status).toBe(200);
    const byName = Object.fromEntries(list.body.items.map((s: { name: string }) => [s.name, s]));
    for (const name of Object.keys(ids)) expect(byName[name]).toMatchObject({ status: 'ready' });
    // Readers see no definitions or secrets.
    expect(JSON.stringify(list.body)).not.toMatch(/secretRef|definition|masked/);
    expect(await streamsOf(ids['Contoso ERP (PostgreSQL)'] as string)).toEqual(
      expect.arrayContaining(['Product', 'SalesOrder']),
    );
    expect(await streamsOf(ids['Contoso CRM (REST)'] as string)).toEqual(['Customer', 'Opportunity']);
    const files = [
      ...(await streamsOf(ids['HR exports (CSV)'] as string)),
      ...(await streamsOf(ids['HR exports (XLSX)'] as string)),
    ];
    expect(files.sort()).toEqual(['Employee', 'TrainingRecord']);
    const orders = (
      await call('GET', `sources/${ids['Contoso ERP (PostgreSQL)']}`, { as: OLIVIA })
    ).body.discovered.streams.find((s: { name: string }) => s.name === 'SalesOrder');
    expect(orders.keyCandidates[0]).toEqual(['id']);
    expect(orders.cursorCandidates).toContain('orderedAt');
    expect(orders.rowEstimate).toBeGreaterThan(1000);
    expect(orders.sampleRows.length).toBeGreaterThan(0);
    const sample = await call('GET', `sources/${ids['Contoso CRM (REST)']}/streams/Customer/sample?limit=3`, {
      as: OLIVIA,
    });
    expect(sample.status).toBe(200);
    expect(sample.body.records).toHaveLength(3);
    // A second registration (a restart) creates nothing new.
    expect(await registerDemoSources(dep, demo, () => stack.token(OLIVIA))).toEqual(ids);
  });

  it('answers stable codes for bad input and failing sources, changing nothing', async () => {
    const before = (await call('GET', 'sources', { as: OLIVIA })).body.items.length;
    const bad = await call('POST', 'sources', {
      as: OLIVIA,
      body: { name: 'x', definition: { type: 'postgresql', host: 'h', database: 'd', user: 'u', extra: 1 } },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    const sap = await call('POST', 'sources', {
      as: OLIVIA,
      body: { name: 'SAP', definition: { type: 'sap' } },
    });
    expect([sap.status, sap.body.error.code]).toEqual([422, 'SOURCE.TYPE_UNAVAILABLE']);
    expect(sap.body.error.message).toMatch(/SAP sources are not yet available/);
    const unused = await call('POST', 'sources', {
      as: OLIVIA,
      body: {
        name: 'files',
        definition: { type: 'blob-files', container: 'client-files', format: { format: 'csv' } },
        secrets: { password: 'not-for-files-123' },
      },
    });
    expect([unused.status, unused.body.error.code]).toEqual([422, 'CONNECTOR.SECRET_UNUSED']);
    const reserved = await call('POST', 'sources', {
      as: OLIVIA,
      body: {
        name: 'state',
        definition: { type: 'blob-files', container: 'client-app', format: { format: 'json' } },
      },
    });
    expect([reserved.status, reserved.body.error.code]).toEqual([422, 'CONNECTOR.CONTAINER_RESERVED']);
    expect((await call('GET', 'sources', { as: OLIVIA })).body.items.length).toBe(before);

    // Failing sources: a test answers 200 with the code and marks the source failing.
    const wrongKey = 'wrong-crm-key-7731';
    sentSecrets.push(wrongKey);
    const crm = await call('POST', 'sources', {
      as: OLIVIA,
      body: {
        name: 'CRM with a wrong key',
        definition: {
          ...(demo.demo.definitions.crm as object),
          auth: { kind: 'api-key', headerName: 'x-api-key' },
        },
        secrets: { apiKey: wrongKey },
      },
    });
    expect(crm.status).toBe(201);
    const tested = await call('POST', `sources/${crm.body.id}/test`, { as: OLIVIA });
    expect(tested.body).toMatchObject({
      status: 'failing',
      lastTest: { ok: false, error: { code: 'SOURCE.AUTH_FAILED' } },
    });
    const down = await call('POST', 'sources', {
      as: OLIVIA,
      body: {
        name: 'ERP that is down',
        definition: {
          type: 'postgresql',
          host: '127.0.0.1',
          port: await closedPort(),
          database: 'postgres',
          user: 'postgres',
          sslMode: 'disable',
        },
      },
    });
    const downTest = await call('POST', `sources/${down.body.id}/test`, { as: OLIVIA });
    expect(downTest.body.lastTest.error.code).toBe('SOURCE.UNREACHABLE');
    const downDiscover = await call('POST', `sources/${down.body.id}/discover`, { as: OLIVIA, body: {} });
    expect([downDiscover.status, downDiscover.body.error.code]).toEqual([502, 'SOURCE.UNREACHABLE']);
    const unknown = await call('GET', `sources/${ids['Contoso CRM (REST)']}/streams/Nothing/sample`, {
      as: OLIVIA,
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'SOURCE.STREAM_UNKNOWN']);
    const missing = await call('POST', 'sources/src-none/test', { as: OLIVIA });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'CONNECTOR.SOURCE_NOT_FOUND']);

    // A stale If-Match changes nothing.
    const read = await call('GET', `sources/${down.body.id}`, { as: OLIVIA });
    await call('PATCH', `sources/${down.body.id}`, { as: OLIVIA, body: { name: 'ERP (down)' } });
    const stale = await call('PATCH', `sources/${down.body.id}`, {
      as: OLIVIA,
      body: { name: 'stale' },
      headers: { 'if-match': read.headers.get('etag') as string },
    });
    expect(stale.status).toBe(412);
    expect((await call('GET', `sources/${down.body.id}`, { as: OLIVIA })).body.name).toBe('ERP (down)');
    const gone = await call('DELETE', `sources/${down.body.id}`, { as: OLIVIA });
    expect(gone.status).toBe(204);
  });

  it('uploads files into a blob-files source within its limits', async () => {
    const created = await call('POST', 'sources', {
      as: OLIVIA,
      body: {
        name: 'Uploads',
        definition: { type: 'blob-files', container: 'uploads', prefix: 'in/', format: { format: 'csv' } },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const csv = Buffer.from('id;name;updatedAt\n1;Anna;2024-01-02T00:00:00Z\n2;Ben;2024-01-03T00:00:00Z\n');
    const up = await call('POST', `sources/${id}/files`, {
      as: OLIVIA,
      body: { fileName: 'people.csv', content: csv.toString('base64') },
    });
    expect(up.status).toBe(201);
    expect(up.body).toEqual({ container: 'uploads', blobName: 'in/people.csv', bytes: csv.length });
    const wrongType = await call('POST', `sources/${id}/files`, {
      as: OLIVIA,
      body: { fileName: 'people.xlsx', content: csv.toString('base64') },
    });
    expect([wrongType.status, wrongType.body.error.code]).toEqual([422, 'CONNECTOR.FILE_TYPE']);
    const folder = await call('POST', `sources/${id}/files`, {
      as: OLIVIA,
      body: { fileName: '../x.csv', content: csv.toString('base64') },
    });
    expect(folder.status).toBe(400);
    const notFiles = await call('POST', `sources/${ids['Contoso ERP (PostgreSQL)']}/files`, {
      as: OLIVIA,
      body: { fileName: 'x.csv', content: csv.toString('base64') },
    });
    expect([notFiles.status, notFiles.body.error.code]).toEqual([409, 'CONNECTOR.NOT_A_FILE_SOURCE']);
    const found = await call('POST', `sources/${id}/discover`, { as: OLIVIA, body: { sampleRows: 2 } });
    expect(found.status).toBe(200);
    expect(found.body.status).toBe('ready');
    expect(found.body.discovered.streams[0]).toMatchObject({ name: 'people', rowEstimate: 2 });
  });

  it('lets admins and owners manage sources; viewers and editors only list them', async () => {
    const body = {
      name: 'viewer made',
      definition: { type: 'blob-files', container: 'uploads', format: { format: 'csv' } },
    };
    expect((await call('POST', 'sources', { as: VERA, body })).status).toBe(403);
    expect((await call('POST', 'sources', { as: EDDIE, body })).status).toBe(403);
    expect((await call('GET', 'sources', { as: EDDIE })).status).toBe(200);
    const one = `sources/${ids['Contoso CRM (REST)']}`;
    expect((await call('GET', one, { as: VERA })).status).toBe(403);
    expect((await call('POST', `${one}/test`, { as: EDDIE })).status).toBe(403);
    expect((await call('GET', 'sources')).status).toBe(401);
    // Vendor staff are not users of a client deployment; another tenant's admin is refused too.
    expect((await call('GET', 'sources', { as: 'ada@vendor.example' })).status).toBe(403);
    expect((await call('GET', 'sources', { as: ALEX })).status).toBe(403);
  });

  it('shows secrets masked, never stores them in Cosmos DB, never logs them', async () => {
    const crm = await call('GET', `sources/${ids['Contoso CRM (REST)']}`, { as: OLIVIA });
    const apiKey = sentSecrets[1] as string;
    expect(crm.body.secrets).toEqual([{ kind: 'api-key', set: true, masked: `••••••••${apiKey.slice(-2)}` }]);
    expect(crm.body.definition.auth.secretRef).toBe(`source-${ids['Contoso CRM (REST)']}-api-key`);
    // The value is in the deployment's Key Vault under the connector's name.
    expect(await dep.keyVault.getSecret(crm.body.definition.auth.secretRef)).toBe(apiKey);
    const cosmos = new CosmosClient({
      endpoint: dep.cosmos.endpoint,
      key: dep.cosmos.key,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const { resources } = await cosmos
      .database('kpi-client')
      .container('sources')
      .items.query('SELECT * FROM c')
      .fetchAll();
    expect(resources.length).toBeGreaterThanOrEqual(4);
    const stored = JSON.stringify(resources);
    const logs = lines.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('source tested');
    for (const secret of sentSecrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(stored).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });

  it("imports the Config app's declarations as drafts, idempotently", async () => {
    // The deployment credential arrives when client-app has activated the licence (in the background).
    let imported = await call('POST', 'declared-sources/import', { as: OLIVIA });
    for (let i = 0; i < 90 && imported.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      imported = await call('POST', 'declared-sources/import', { as: OLIVIA });
    }
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ configurationId: CONFIGURATION, unchanged: [] });
    expect(imported.body.created).toHaveLength(2);
    const again = await call('POST', 'declared-sources/import', { as: OLIVIA });
    expect(again.body).toMatchObject({ created: [], unchanged: imported.body.created });
    const list = (await call('GET', 'sources?limit=100', { as: VERA })).body.items;
    const mes = list.find(
      (s: { origin: { declaredSourceId?: string } }) => s.origin.declaredSourceId === 'contoso-mes',
    );
    expect(mes).toMatchObject({
      status: 'unavailable',
      type: 'sqlserver',
      providesObjects: ['WorkOrder'],
      origin: { kind: 'config', configurationId: CONFIGURATION },
    });
    expect(mes.unavailableReason).toMatch(/SQL Server sources are not yet available/);
    const erp = list.find((s: { name: string }) => s.name === 'Plant ERP');
    expect(erp).toMatchObject({ status: 'draft', type: 'postgresql', providesObjects: ['Product'] });
    const testMes = await call('POST', `sources/${mes.id}/test`, { as: OLIVIA });
    expect([testMes.status, testMes.body.error.code]).toEqual([422, 'SOURCE.TYPE_UNAVAILABLE']);
    const testDraft = await call('POST', `sources/${erp.id}/test`, { as: OLIVIA });
    expect([testDraft.status, testDraft.body.error.code]).toEqual([409, 'CONNECTOR.DEFINITION_MISSING']);
    // An admin completes the draft: it keeps the declared objects and connects.
    const completed = await call('PATCH', `sources/${erp.id}`, {
      as: OLIVIA,
      body: { definition: { ...demo.demo.definitions.erp, passwordSecretRef: undefined } },
    });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'draft', providesObjects: ['Product'] });
    expect((await call('POST', `sources/${erp.id}/test`, { as: OLIVIA })).body.status).toBe('draft');
    // Only deployments read declarations, and only their own.
    const asUser = await fetch(`${stack.urls.api}/demo-config/deployment/sources`, {
      headers: { authorization: `Bearer ${await stack.token(OLIVIA)}` },
    });
    expect(asUser.status).toBe(401);
  });

  it('serves an OpenAPI document listing every route', async () => {
    const { status, body } = await call('GET', 'openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths).sort()).toEqual(
      [
        '/api/connector/declared-sources/import',
        '/api/connector/openapi.json',
        '/api/connector/source-types',
        '/api/connector/sources',
        '/api/connector/sources/{sourceId}',
        '/api/connector/sources/{sourceId}/discover',
        '/api/connector/sources/{sourceId}/files',
        '/api/connector/sources/{sourceId}/streams/{stream}/sample',
        '/api/connector/sources/{sourceId}/test',
      ].sort(),
    );
  });
});

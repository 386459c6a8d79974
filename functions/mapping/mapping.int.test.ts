/**
 * The mapping app in a client deployment: the vendor stack and one contoso deployment started once, licensed
 * for OTIF and gross margin (client-app fetches the signed snapshot the mapping app reads). Sources are
 * written straight into the deployment's `sources` container, as the connector stores them after a
 * discovery; the seed then reads them back through the connector's API.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import type { StoredSource } from '@kpi/shared/contracts/source';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientDeployment, startClientDeployment } from '../../local/client/client-deployment';
import { issueLicense } from '../../local/client/issue-license';
import { seedMappings } from '../../local/client/seed-mappings';
import { seededEmails } from '../../local/identity/users';
import { apiAudience, type Stack, startStack } from '../../local/stack';

const { olivia: OLIVIA, eddie: EDDIE, vera: VERA, alex: ALEX, ada: ADA } = seededEmails;
const at = '2026-12-07T09:00:00.000Z';

let stack: Stack;
let dep: ClientDeployment;
let root: string;

// biome-ignore lint/suspicious/noExplicitAny: checked by the assertions
type Res = { status: number; body: any; etag: string | null };

async function call(
  method: string,
  path: string,
  o: { as?: string; body?: unknown; ifMatch?: string } = {},
): Promise<Res> {
  const headers: Record<string, string> = {};
  if (o.as) headers.authorization = `Bearer ${await stack.token(o.as)}`;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.ifMatch) headers['if-match'] = o.ifMatch;
  const res = await fetch(`${dep.api}/mapping/${path}`, {
    method,
    headers,
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, etag: res.headers.get('etag') };
}

const column = (name: string, type: string) => ({ name, type, sourceType: type, nullable: true });

/** A discovered source as the connector stores it. */
function source(id: string, over: Partial<StoredSource>, streams: StoredSource['discovered']): StoredSource {
  return {
    id,
    tenantId: 'contoso',
    name: id.toUpperCase(),
    status: 'ready',
    providesObjects: ['Shipment'],
    origin: { kind: 'client' },
    secretRefs: [],
    ...(streams ? { discovered: streams } : {}),
    createdAt: at,
    createdBy: OLIVIA,
    updatedAt: at,
    updatedBy: OLIVIA,
    ...over,
  };
}

const tmsStream = {
  name: 'shipments',
  columns: [
    column('shipment_no', 'string'),
    column('shipped_at', 'datetime'),
    column('promised_at', 'datetime'),
    column('delivered_at', 'datetime'),
    column('in_full', 'string'),
  ],
  keyCandidates: [['shipment_no']],
  cursorCandidates: ['shipped_at'],
  rowEstimate: 3,
  sampleRows: [
    {
      shipment_no: 'S1',
      shipped_at: '2026-01-02T10:00:00Z',
      promised_at: '2026-01-05T10:00:00Z',
      delivered_at: '2026-01-04T08:00:00Z',
      in_full: 'Y',
    },
    {
      shipment_no: 'S2',
      shipped_at: 'not a date',
      promised_at: '2026-01-06T10:00:00Z',
      delivered_at: null,
      in_full: 'N',
    },
  ],
};

// The ERP-like stream of the seed: columns named as the catalog names the fields.
const wmsStream = {
  ...tmsStream,
  name: 'erp.Shipment',
  columns: ['id', 'shippedAt', 'promisedAt', 'deliveredAt', 'isInFull'].map((n) =>
    column(n, n === 'id' ? 'string' : n === 'isInFull' ? 'boolean' : 'datetime'),
  ),
  sampleRows: [
    {
      id: 'W1',
      shippedAt: '2026-01-02T10:00:00Z',
      promisedAt: '2026-01-05T10:00:00Z',
      deliveredAt: '2026-01-04T08:00:00Z',
      isInFull: true,
    },
  ],
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kpi-mapping-'));
  stack = await startStack({ dataDir: join(root, 'vendor'), ports: 'free' });
  const issued = await issueLicense({
    api: stack.urls.api,
    adminToken: () => stack.token(ADA),
    tenantId: 'contoso',
    configurationId: 'cfg-mapping-tests',
    kpiIds: ['otif-rate', 'gross-margin'],
    expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
  });
  dep = await startClientDeployment({
    tenantId: 'contoso',
    deploymentId: 'contoso-mapping',
    vendorApi: stack.urls.api,
    authIssuer: stack.urls.issuer,
    authAudience: apiAudience,
    licenseKey: issued.key,
    dataDir: join(root, 'client'),
  });
  const sources = new CosmosClient({
    endpoint: dep.cosmos.endpoint,
    key: dep.cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  })
    .database('kpi-client')
    .container('sources');
  const discovered = (streams: unknown[]) => ({ streams, discoveredAt: at }) as StoredSource['discovered'];
  for (const s of [
    source('tms', {}, discovered([tmsStream])),
    source('wms', {}, discovered([wmsStream, { ...wmsStream, name: 'misc_notes' }])),
    source('crm', { status: 'draft' }, undefined),
  ]) {
    await sources.items.upsert(s);
  }
  // The mapping app reads the snapshot client-app stores once it has activated and fetched it.
  let objects = await call('GET', 'objects', { as: VERA });
  for (let i = 0; i < 120 && objects.status === 503; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    objects = await call('GET', 'objects', { as: VERA });
  }
  expect(objects.status).toBe(200);
}, 300_000);

afterAll(async () => {
  await dep?.stop();
  await stack?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

const SHIPMENTS = { sourceId: 'tms', stream: 'shipments', object: 'Shipment' };
const BASE = {
  id: { column: 'shipment_no' },
  shippedAt: { column: 'shipped_at' },
  promisedAt: { column: 'promised_at' },
};

describe('mapping service', { timeout: 120_000 }, () => {
  it('refuses bad input with stable codes and changes nothing', async () => {
    const create = async (body: unknown) => {
      const r = await call('POST', 'mappings', { as: OLIVIA, body });
      return [r.status, r.body?.error?.code];
    };
    expect(await create({ ...SHIPMENTS, sourceId: 'nope' })).toEqual([404, 'MAPPING.SOURCE_NOT_FOUND']);
    expect(await create({ ...SHIPMENTS, sourceId: 'crm' })).toEqual([409, 'MAPPING.SOURCE_NOT_READY']);
    expect(await create({ ...SHIPMENTS, stream: 'orders' })).toEqual([422, 'MAPPING.STREAM_UNKNOWN']);
    expect(await create({ ...SHIPMENTS, object: 'Employee' })).toEqual([422, 'MAPPING.OBJECT_UNKNOWN']);
    const malformed = await create({ ...SHIPMENTS, object: 'not an object' });
    expect(malformed[0]).toBe(400);
    expect((await call('GET', 'mappings', { as: VERA })).body.items).toEqual([]);
  });

  it('draft → validate → publish → edit → publish: versions, diff, audit; stale If-Match is 412', async () => {
    const created = await call('POST', 'mappings', { as: OLIVIA, body: SHIPMENTS });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.columns.map((c: { name: string }) => c.name)).toContain('in_full');
    expect((await call('POST', 'mappings', { as: OLIVIA, body: SHIPMENTS })).body.error.code).toBe(
      'MAPPING.EXISTS',
    );

    const bad = { ...BASE, isInFull: { column: 'no_such_column' } };
    const saved = await call('PUT', `mappings/${id}/draft`, {
      as: OLIVIA,
      body: { fields: bad },
      ifMatch: created.etag ?? '',
    });
    expect(saved.status).toBe(200);
    const stale = await call('PUT', `mappings/${id}/draft`, {
      as: OLIVIA,
      body: { fields: BASE },
      ifMatch: created.etag ?? '',
    });
    expect([stale.status, stale.body.error.code]).toEqual([412, 'CONCURRENCY.CONFLICT']);

    const validated = await call('POST', `mappings/${id}/validate`, { as: VERA });
    expect(validated.body.publishable).toBe(false);
    expect(validated.body.issues).toContainEqual(
      expect.objectContaining({ field: 'isInFull', code: 'MAPPING.COLUMN_UNKNOWN', severity: 'error' }),
    );
    const refused = await call('POST', `mappings/${id}/publish`, { as: OLIVIA });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'MAPPING.INVALID']);
    expect(refused.body.error.details.issues.length).toBeGreaterThan(0);
    expect((await call('GET', `mappings/${id}/versions`, { as: VERA })).body.items).toEqual([]);

    await call('PUT', `mappings/${id}/draft`, {
      as: OLIVIA,
      body: { fields: BASE },
      ifMatch: saved.etag ?? '',
    });
    const first = await call('POST', `mappings/${id}/publish`, { as: OLIVIA });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ published: { version: 1, status: 'published' }, diff: null });

    const next = { ...BASE, deliveredAt: { column: 'delivered_at' }, promisedAt: { column: 'delivered_at' } };
    await call('PUT', `mappings/${id}/draft`, { as: OLIVIA, body: { fields: next } });
    const second = await call('POST', `mappings/${id}/publish`, { as: OLIVIA });
    expect(second.body.diff).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      added: [{ field: 'deliveredAt' }],
      changed: [{ field: 'promisedAt' }],
      removed: [],
    });
    const versions = await call('GET', `mappings/${id}/versions`, { as: VERA });
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const diff = await call('GET', `mappings/${id}/diff?from=2&to=1`, { as: VERA });
    expect(diff.body.removed.map((r: { field: string }) => r.field)).toEqual(['deliveredAt']);
    expect((await call('GET', `mappings/${id}/diff?from=7&to=1`, { as: VERA })).body.error.code).toBe(
      'MAPPING.VERSION_NOT_FOUND',
    );
    const audit = await call('GET', `mappings/${id}/audit`, { as: VERA });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'created',
      'draft-updated',
      'draft-updated',
      'published',
      'draft-updated',
      'published',
    ]);
    expect(audit.body.items.every((a: { by: string }) => a.by === OLIVIA)).toBe(true);

    // What ingestion reads: one published document per mapping in the `mappings` container.
    const live = await new CosmosClient({
      endpoint: dep.cosmos.endpoint,
      key: dep.cosmos.key,
      connectionPolicy: { enableEndpointDiscovery: false },
    })
      .database('kpi-client')
      .container('mappings')
      .items.query({
        query: "SELECT * FROM c WHERE c.tenantId = @t AND c.status = 'published'",
        parameters: [{ name: '@t', value: 'contoso' }],
      })
      .fetchAll();
    expect(live.resources.map((m) => [m.id, m.version])).toEqual([[id, 2]]);
  });

  it('suggests, previews cell errors, and completeness changes with a mapped field', async () => {
    const [{ id }] = (await call('GET', 'mappings?sourceId=tms', { as: VERA })).body.items;
    const suggestions = await call('GET', `mappings/${id}/suggestions`, { as: VERA });
    const best = (field: string) =>
      suggestions.body.fields.find((f: { field: string }) => f.field === field)?.candidates[0]?.column;
    expect(best('shippedAt')).toBe('shipped_at');
    expect(best('isInFull')).toBe('in_full');

    const preview = await call('POST', `mappings/${id}/preview`, { as: VERA, body: {} });
    expect(preview.body.rows[1].cells.shippedAt).toMatchObject({ error: { code: 'VALUE.BAD_DATE' } });
    expect(preview.body.summary).toEqual({ rows: 2, ok: 1, failed: 1 });

    const otif = async (basis = 'draft') =>
      (await call('GET', `completeness?basis=${basis}`, { as: VERA })).body.kpis.find(
        (k: { kpiId: string }) => k.kpiId === 'otif-rate',
      );
    expect(await otif()).toMatchObject({
      status: 'partial',
      missingFields: [{ object: 'Shipment', field: 'isInFull' }],
    });
    const current = await call('GET', `mappings/${id}`, { as: VERA });
    await call('PUT', `mappings/${id}/draft`, {
      as: OLIVIA,
      body: {
        fields: {
          ...current.body.published.fields,
          isInFull: { transform: { kind: 'enum', column: 'in_full', values: { Y: 'true', N: 'false' } } },
        },
      },
    });
    expect((await otif()).status).toBe('ready');
    expect((await otif('published')).status).toBe('partial');
    const completeness = await call('GET', 'completeness', { as: VERA });
    expect(completeness.body.mappings.find((m: { mappingId: string }) => m.mappingId === id).buys).toEqual([
      { kpiId: 'otif-rate', from: 'blocked', to: 'ready' },
    ]);
  });

  it('seeds mappings from confident suggestions, once', async () => {
    const seeded = await seedMappings({ api: dep.api, token: () => stack.token(OLIVIA) });
    expect(seeded.published.map((p) => [p.sourceId, p.stream, p.object, p.version])).toEqual([
      ['wms', 'erp.Shipment', 'Shipment', 1],
    ]);
    expect(seeded.unmatched).toEqual([{ sourceId: 'wms', stream: 'misc_notes' }]);
    const view = await call('GET', `mappings/${seeded.published[0]?.mappingId}`, { as: VERA });
    expect(Object.keys(view.body.published.fields)).toEqual(
      expect.arrayContaining(['id', 'shippedAt', 'promisedAt', 'deliveredAt', 'isInFull']),
    );
    const again = await seedMappings({ api: dep.api, token: () => stack.token(OLIVIA) });
    expect(again.published).toEqual([]);
  });
});

describe('role matrix and tenant isolation', { timeout: 120_000 }, () => {
  const contoso = [OLIVIA, EDDIE, VERA];
  const matrix: [string, string, string[], unknown?][] = [
    ['GET', 'mappings', contoso],
    ['POST', 'mappings', [OLIVIA], { sourceId: 'nope', stream: 's', object: 'Shipment' }],
    ['GET', 'mappings/map-none', contoso],
    ['PUT', 'mappings/map-none/draft', [OLIVIA], { fields: {} }],
    ['POST', 'mappings/map-none/validate', contoso],
    ['POST', 'mappings/map-none/publish', [OLIVIA]],
    ['GET', 'mappings/map-none/versions', contoso],
    ['GET', 'mappings/map-none/diff?from=1', contoso],
    ['GET', 'mappings/map-none/audit', contoso],
    ['GET', 'mappings/map-none/suggestions', contoso],
    ['POST', 'mappings/map-none/preview', contoso, {}],
    ['GET', 'completeness', contoso],
    ['GET', 'objects', contoso],
  ];

  it('covers every documented route', async () => {
    const doc = await call('GET', 'openapi.json');
    const documented = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace('/api/mapping/', '')}`),
      )
      .filter((r) => r !== 'GET openapi.json');
    const covered = matrix.map(
      ([m, p]) => `${m} ${p.replace('map-none', '{mappingId}').replace(/\?.*$/, '')}`,
    );
    expect(covered.sort()).toEqual(documented.sort());
  });

  it.each(matrix)('%s %s', async (method, path, allowed, body) => {
    expect((await call(method, path, { body })).status).toBe(401);
    for (const who of [...contoso, ALEX, ADA]) {
      const res = await call(method, path, { as: who, body });
      if (allowed.includes(who)) expect([who, res.status]).not.toEqual([who, 403]);
      else expect([who, res.status]).toEqual([who, 403]);
    }
    // A fabrikam admin passes the role check and still gets nothing of contoso's.
    const alex = await call(method, path, { as: ALEX, body });
    expect(alex.body.error.code).toBe('AUTH.TENANT_FORBIDDEN');
  });
});

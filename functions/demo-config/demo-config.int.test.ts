/**
 * The demo-config service through the local stack (real host, Cosmos stand-in): tenants, configurations and
 * their status machine, data sources with sample inference, the analysis updating as sources change, the
 * estimate; roles (a viewer changes nothing) and tenant isolation through every route.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { BlobServiceClient } from '@azure/storage-blob';
import { customKpiVersionSchema } from '@kpi/shared/contracts/metadata-custom-kpi';
import { loadCatalogWithIndex } from '@kpi/shared/domain/catalog/load-catalog';
import { FormulaEngine } from '@kpi/shared/domain/formula/index';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../local/stack';

let dataDir: string;
let stack: Stack;

async function call(
  method: string,
  path: string,
  options: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) headers.authorization = `Bearer ${await stack.token(options.as)}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${stack.urls.api}/demo-config/${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const ADA = 'ada@vendor.example';
const SAM = 'sam@vendor.example';
const OLIVIA = 'olivia@contoso.example';
const EDDIE = 'eddie@contoso.example';
const VERA = 'vera@contoso.example';
const ALEX = 'alex@fabrikam.example';
const CONTOSO = 'tenants/contoso';
const SEEDED = `${CONTOSO}/configurations/contoso-plant-analytics`;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-demo-config-'));
  stack = await startStack({ dataDir, ports: 'free' });
});

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('demo-config service through the local host', () => {
  let cfg: string;
  let sourceId: string;

  it('creates tenants for platform admins only; staff list all, tenant users their own', async () => {
    const request = { tenantId: 'northwind', name: 'Northwind Logistics', industryId: 'logistics' };
    expect((await call('POST', 'tenants', { as: OLIVIA, body: request })).body.error.code).toBe(
      'AUTH.ROLE_FORBIDDEN',
    );
    expect((await call('POST', 'tenants', { as: SAM, body: request })).status).toBe(403);
    const bad = await call('POST', 'tenants', { as: ADA, body: { ...request, industryId: 'mining' } });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'TENANT.UNKNOWN_INDUSTRY']);
    const created = await call('POST', 'tenants', { as: ADA, body: request });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'northwind',
      tenantId: 'northwind',
      createdBy: ADA,
      contacts: [],
    });
    expect((await call('POST', 'tenants', { as: ADA, body: request })).body.error.code).toBe(
      'TENANT.CONFLICT',
    );

    const all = await call('GET', 'tenants', { as: SAM });
    const ids: string[] = all.body.items.map((t: { id: string }) => t.id);
    // The seed adds a demo tenant per industry beside the customer tenants: count only the others here.
    expect(ids.filter((id) => !id.startsWith('demo-'))).toEqual(['contoso', 'fabrikam', 'northwind']);
    const own = await call('GET', 'tenants', { as: VERA });
    expect(own.body.items.map((t: { id: string }) => t.id)).toEqual(['contoso']);
    expect((await call('GET', 'tenants/fabrikam', { as: VERA })).body.error.code).toBe(
      'AUTH.TENANT_FORBIDDEN',
    );
    expect((await call('GET', 'tenants/fabrikam', { as: SAM })).body.industryId).toBe('retail');
    expect((await call('GET', 'tenants/nobody', { as: ADA })).body.error.code).toBe('TENANT.NOT_FOUND');
  });

  it('serves the seeded configuration and its analysis with gaps named', async () => {
    const seeded = await call('GET', SEEDED, { as: VERA });
    expect(seeded.status).toBe(200);
    expect(seeded.body.selectedKpis).toHaveLength(12);
    expect(seeded.headers.get('etag')).toBe(seeded.body.etag);
    const analysis = await call('GET', `${SEEDED}/analysis`, { as: VERA });
    expect(analysis.status).toBe(200);
    const status = Object.fromEntries(
      analysis.body.kpis.map((k: { kpiId: string; status: string }) => [k.kpiId, k.status]),
    );
    expect(status).toMatchObject({
      'work-order-completion-rate': 'ready',
      'schedule-adherence': 'ready',
      'plan-attainment': 'ready',
      'forecast-accuracy': 'blocked',
    });
    expect(analysis.body.gaps).toContainEqual({
      object: 'PurchaseOrder',
      kpis: ['supplier-on-time-delivery', 'supplier-lead-time'],
    });
    expect(analysis.body.sources).toEqual([
      { id: 'contoso-mes', name: 'Plant MES (SQL Server)', type: 'sqlserver' },
    ]);
    expect(analysis.body.stalePins).toEqual([]);

    const preview = await call('GET', `${SEEDED}/dashboard-preview?month=2024-03`, { as: VERA });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ industryId: 'manufacturing', period: '2024-03' });
    expect(preview.body.kpis).toHaveLength(12);
    for (const k of preview.body.kpis) {
      expect(k.series.map((p: { period: string }) => p.period)).toEqual([
        ...['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2023-${m}`),
        '2024-01',
        '2024-02',
        '2024-03',
      ]);
      expect(k.value).toBe(k.series[11].value);
      expect(typeof k.value).toBe('number');
      expect(['good', 'warning', 'critical']).toContain(k.status);
    }
    expect((await call('GET', `${SEEDED}/dashboard-preview?month=2031-01`, { as: VERA })).status).toBe(400);
  });

  it('seeds a demo tenant per industry whose analysis, estimate and dashboard preview have content', async () => {
    const all = await call('GET', 'tenants', { as: SAM });
    const demos = all.body.items.filter((t: { id: string }) => t.id.startsWith('demo-'));
    const industries = loadCatalogWithIndex().catalog.industries.map((i) => i.id);
    expect(demos.map((t: { industryId: string }) => t.industryId).sort()).toEqual([...industries].sort());
    for (const tenant of demos as { id: string; industryId: string }[]) {
      const configurations = await call('GET', `tenants/${tenant.id}/configurations`, { as: ADA });
      expect(configurations.body.items).toHaveLength(1);
      const path = `tenants/${tenant.id}/configurations/${configurations.body.items[0].id}`;
      const analysis = await call('GET', `${path}/analysis`, { as: SAM });
      expect(analysis.body.sources.length, tenant.id).toBeGreaterThanOrEqual(1);
      expect(analysis.body.summary.ready, tenant.id).toBeGreaterThan(0);
      expect(analysis.body.summary.blocked + analysis.body.summary.partial, tenant.id).toBeGreaterThan(0);
      const preview = await call('GET', `${path}/dashboard-preview`, { as: SAM });
      expect(preview.body.industryId).toBe(tenant.industryId);
      expect(
        preview.body.kpis.filter((k: { value: number | null }) => k.value !== null).length,
      ).toBeGreaterThan(0);
      const estimate = await call('POST', `${path}/estimate`, { as: SAM, body: {} });
      expect(estimate.body.estimate.totals.total, tenant.id).toBeGreaterThan(0);
    }
    expect((await call('GET', 'tenants/demo-retail', { as: VERA })).body.error.code).toBe(
      'AUTH.TENANT_FORBIDDEN',
    );
  });

  it('creates configurations for editors, pinned to the catalog version; viewers change nothing', async () => {
    const body = {
      name: 'Logistics pilot',
      kpiIds: ['otif-rate', 'gross-margin'],
      targetOverrides: [{ kpiId: 'otif-rate', target: 97 }],
    };
    expect((await call('POST', `${CONTOSO}/configurations`, { as: VERA, body })).body.error.code).toBe(
      'AUTH.ROLE_FORBIDDEN',
    );
    const unknown = await call('POST', `${CONTOSO}/configurations`, {
      as: EDDIE,
      body: { ...body, kpiIds: ['nope'] },
    });
    expect([unknown.status, unknown.body.error.code, unknown.body.error.details]).toEqual([
      422,
      'CONFIGURATION.UNKNOWN_KPI',
      { kpiIds: ['nope'] },
    ]);
    const stray = await call('POST', `${CONTOSO}/configurations`, {
      as: EDDIE,
      body: { ...body, targetOverrides: [{ kpiId: 'availability', target: 1 }] },
    });
    expect(stray.body.error.code).toBe('CONFIGURATION.TARGET_INVALID');
    const created = await call('POST', `${CONTOSO}/configurations`, {
      as: EDDIE,
      body: { ...body, tenantId: 'fabrikam' },
    });
    expect(created.status).toBe(400); // strict body: a tenant id in the body is refused, never used
    const ok = await call('POST', `${CONTOSO}/configurations`, { as: EDDIE, body });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ tenantId: 'contoso', status: 'draft', createdBy: EDDIE });
    const version = (await call('GET', `${SEEDED}/analysis`, { as: VERA })).body.catalogVersion;
    expect(ok.body.selectedKpis).toEqual([
      { kpiId: 'otif-rate', catalogVersion: version },
      { kpiId: 'gross-margin', catalogVersion: version },
    ]);
    cfg = `${CONTOSO}/configurations/${ok.body.id}`;

    const patched = await call('PATCH', cfg, { as: VERA, body: { name: 'x' } });
    expect(patched.body.error.code).toBe('AUTH.ROLE_FORBIDDEN');
    const list = await call('GET', `${CONTOSO}/configurations`, { as: VERA });
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(ok.body.id);
  });

  it('updates with If-Match: a stale etag is refused with 412', async () => {
    const current = await call('GET', cfg, { as: EDDIE });
    const updated = await call('PATCH', cfg, {
      as: EDDIE,
      body: { kpiIds: ['otif-rate', 'price-realisation'] },
      headers: { 'if-match': current.body.etag },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.selectedKpis.map((s: { kpiId: string }) => s.kpiId)).toEqual([
      'otif-rate',
      'price-realisation',
    ]);
    expect(updated.body.targetOverrides).toEqual([{ kpiId: 'otif-rate', target: 97 }]);
    const stale = await call('PATCH', cfg, {
      as: EDDIE,
      body: { name: 'late' },
      headers: { 'if-match': current.body.etag },
    });
    expect([stale.status, stale.body.error.code]).toEqual([412, 'CONCURRENCY.CONFLICT']);
  });

  it('infers a sample CSV, declares the source, and the analysis follows the sources', async () => {
    const before = await call('GET', `${cfg}/analysis`, { as: VERA });
    expect(before.body.kpis.map((k: { status: string }) => k.status)).toEqual(['blocked', 'blocked']);

    const csv =
      'shipment_id,shipped_at,promised_at,delivered_at,in_full\nS1,2026-03-01T08:00:00Z,2026-03-03T00:00:00Z,2026-03-02T10:00:00Z,true\n';
    expect(
      (await call('POST', `${cfg}/sample-inference`, { as: VERA, body: { fileName: 's.csv', content: csv } }))
        .status,
    ).toBe(403);
    const inferred = await call('POST', `${cfg}/sample-inference`, {
      as: EDDIE,
      body: { fileName: 's.csv', content: csv },
    });
    expect(inferred.status).toBe(200);
    expect(inferred.body.columns.map((c: { type: string }) => c.type)).toEqual([
      'string',
      'datetime',
      'datetime',
      'datetime',
      'boolean',
    ]);
    expect(inferred.body.suggestion.object).toBe('Shipment');
    const broken = await call('POST', `${cfg}/sample-inference`, {
      as: EDDIE,
      body: { fileName: 's.csv', content: 'a,b\n1,2,3\n' },
    });
    expect([broken.status, broken.body.error.code]).toEqual([422, 'SOURCE.SAMPLE_INVALID']);

    const fields = inferred.body.suggestion.fields.map((f: { column: string; field: string }) => ({
      name: f.field,
      sourceColumn: f.column,
    }));
    const bad = await call('POST', `${cfg}/sources`, {
      as: EDDIE,
      body: { type: 'csv', name: 'x', objects: [{ name: 'Shipment', fields: [{ name: 'colour' }] }] },
    });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'SOURCE.OBJECTS_INVALID']);
    const created = await call('POST', `${cfg}/sources`, {
      as: EDDIE,
      body: { type: 'csv', name: 'Shipments export', objects: [{ name: 'Shipment', fields }] },
    });
    expect(created.status).toBe(201);
    sourceId = created.body.id;
    expect(created.body.objects[0].fields).toContainEqual({ name: 'shippedAt', sourceColumn: 'shipped_at' });

    const after = await call('GET', `${cfg}/analysis`, { as: VERA });
    // in_full does not match isInFull by name: the analysis names it.
    expect(after.body.kpis[0]).toMatchObject({
      kpiId: 'otif-rate',
      status: 'partial',
      missing: [{ object: 'Shipment', field: 'isInFull' }],
    });
    const replaced = await call('PUT', `${cfg}/sources/${sourceId}`, {
      as: EDDIE,
      body: {
        type: 'csv',
        name: 'Shipments export',
        objects: [{ name: 'Shipment', fields: [...fields, { name: 'isInFull', sourceColumn: 'in_full' }] }],
      },
    });
    expect(replaced.status).toBe(200);
    const ready = await call('GET', `${cfg}/analysis`, { as: VERA });
    expect(ready.body.kpis[0]).toMatchObject({ kpiId: 'otif-rate', status: 'ready', missing: [] });
    expect(
      (await call('GET', `${cfg}/sources`, { as: VERA })).body.items.map((s: { id: string }) => s.id),
    ).toEqual([sourceId]);
  });

  it('estimates effort from the analysis with edited parameters, for viewers too', async () => {
    const est = await call('POST', `${cfg}/estimate`, {
      as: VERA,
      body: { parameters: { daysPerSourceType: { csv: 4 }, currency: 'USD' } },
    });
    expect(est.status).toBe(200);
    expect(est.body.input).toMatchObject({ sourceTypes: ['csv'], objectsToMap: 3, catalogKpis: 2 });
    expect(est.body.estimate.lines[0]).toMatchObject({ id: 'source-csv', quantity: 1, unitDays: 4, days: 4 });
    expect(est.body.estimate.currency).toBe('USD');
    expect(est.body.estimate.totals.total).toBeGreaterThan(est.body.estimate.totals.cost);
    const invalid = await call('POST', `${cfg}/estimate`, {
      as: VERA,
      body: {
        parameters: {
          phases: [{ id: 'x', name: 'X', basis: 'fixed', factor: 1, role: 'wizard', people: 1 }],
        },
      },
    });
    expect([invalid.status, invalid.body.error.code]).toEqual([422, 'ESTIMATE.PARAMETERS_INVALID']);
  });

  it('selects published custom KPI versions of the tenant only, and analyses them from their requirements', async () => {
    // A version as the metadata service stores it when a custom KPI is published (immutable).
    const formula = 'count(Shipment where deliveredAt > promisedAt) / count(Shipment) * 100';
    const { catalog } = loadCatalogWithIndex();
    const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
    const version = customKpiVersionSchema.parse({
      id: 'late-shipment-share:v1',
      tenantId: 'contoso',
      kpiId: 'late-shipment-share',
      version: 1,
      definition: {
        name: 'Late shipment share',
        formula,
        unit: 'percent',
        unitLabel: '%',
        direction: 'lower-is-better',
        target: 5,
        thresholds: { good: 5, warning: 8, critical: 12 },
      },
      formulaPretty: formula,
      requirements: engine.check(formula).requirements,
      catalogVersion: catalog.catalogVersion,
      publishedBy: OLIVIA,
      publishedAt: '2026-11-01T00:00:00.000Z',
    });
    const cosmos = new CosmosClient({
      endpoint: /AccountEndpoint=([^;]+)/.exec(stack.values.COSMOS ?? '')?.[1] ?? '',
      key: /AccountKey=([^;]+)/.exec(stack.values.COSMOS ?? '')?.[1] ?? '',
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    await cosmos.database('kpi').container('custom-kpi-versions').items.create(version);
    cosmos.dispose();

    const body = {
      name: 'Custom',
      kpiIds: ['otif-rate'],
      customKpis: [{ kpiId: 'late-shipment-share', version: 1 }],
    };
    const created = await call('POST', `${CONTOSO}/configurations`, { as: EDDIE, body });
    expect(created.status).toBe(201);
    expect(created.body.selectedKpis).toEqual([
      { kpiId: 'otif-rate', catalogVersion: catalog.catalogVersion },
      { kpiId: 'late-shipment-share', catalogVersion: catalog.catalogVersion, customVersion: 1 },
    ]);
    const path = `${CONTOSO}/configurations/${created.body.id}`;
    const missing = await call('PATCH', path, {
      as: EDDIE,
      body: { customKpis: [{ kpiId: 'late-shipment-share', version: 2 }] },
    });
    expect([missing.status, missing.body.error.code]).toEqual([422, 'CONFIGURATION.UNKNOWN_KPI']);
    // Another tenant cannot select contoso's custom KPI: the version is looked up in the caller's tenant.
    const foreign = await call('POST', 'tenants/fabrikam/configurations', {
      as: ALEX,
      body: { ...body, kpiIds: [] },
    });
    expect([foreign.status, foreign.body.error.details]).toEqual([
      422,
      { customKpis: ['late-shipment-share v1'] },
    ]);

    const analysis = await call('GET', `${path}/analysis`, { as: VERA });
    expect(analysis.body.customKpis).toEqual(['late-shipment-share']);
    expect(analysis.body.kpis[1]).toMatchObject({
      kpiId: 'late-shipment-share',
      status: 'blocked',
      missingObjects: ['Shipment'],
    });
    const shipmentFields = analysis.body.objects.find((o: { name: string }) => o.name === 'Shipment').fields;
    expect(shipmentFields.find((f: { name: string }) => f.name === 'promisedAt').kpis).toEqual([
      'otif-rate',
      'late-shipment-share',
    ]);
    const preview = await call('GET', `${path}/dashboard-preview`, { as: VERA });
    expect(preview.body.kpis[1]).toMatchObject({
      kpiId: 'late-shipment-share',
      custom: true,
      name: 'Late shipment share',
    });
    expect(preview.body.kpis[1].value).toBeGreaterThanOrEqual(0);
    const est = await call('POST', `${path}/estimate`, { as: VERA, body: {} });
    expect(est.body.input).toMatchObject({ catalogKpis: 1, customKpis: 1 });
    expect(est.body.estimate.lines).toContainEqual({
      id: 'custom-kpis',
      label: 'Custom KPIs',
      quantity: 1,
      unitDays: 2,
      days: 2,
    });
    // Keeping the custom selection while replacing the catalog part.
    const kept = await call('PATCH', path, { as: EDDIE, body: { kpiIds: [] } });
    expect(kept.body.selectedKpis.map((k: { kpiId: string }) => k.kpiId)).toEqual(['late-shipment-share']);
  });

  it('previews, generates, lists and downloads SOW versions (HTML, DOCX, PDF)', async () => {
    const preview = await fetch(`${stack.urls.api}/demo-config/${cfg}/sow-preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await stack.token(VERA)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ vendorName: 'Vendor <Ltd>' }),
    });
    expect(preview.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await preview.text();
    expect(html).toContain('Vendor &lt;Ltd&gt;');
    expect(html).toContain('Shipments export');
    expect((await call('GET', `${cfg}/sows`, { as: VERA })).body.items).toEqual([]);

    expect((await call('POST', `${cfg}/sows`, { as: VERA, body: {} })).body.error.code).toBe(
      'AUTH.ROLE_FORBIDDEN',
    );
    const first = await call('POST', `${cfg}/sows`, { as: EDDIE, body: {} });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, configurationStatus: 'draft', createdBy: EDDIE });
    expect(first.body.files.map((f: { format: string }) => f.format)).toEqual(['html', 'docx', 'pdf']);
    const second = await call('POST', `${cfg}/sows`, {
      as: EDDIE,
      body: { parameters: { contingencyPercent: 0 } },
    });
    expect(second.body.version).toBe(2);
    expect(second.body.totals.total).toBe(second.body.totals.cost);
    const list = await call('GET', `${cfg}/sows`, { as: VERA });
    expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const docx = await fetch(`${stack.urls.api}/demo-config/${cfg}/sows/1/docx`, {
      headers: { authorization: `Bearer ${await stack.token(VERA)}` },
    });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain('.docx');
    const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    expect(xml).toContain('6. Effort estimate');
    const pdf = await fetch(`${stack.urls.api}/demo-config/${cfg}/sows/2/pdf`, {
      headers: { authorization: `Bearer ${await stack.token(VERA)}` },
    });
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await call('GET', `${cfg}/sows/3/pdf`, { as: VERA })).body.error.code).toBe('SOW.NOT_FOUND');
    expect((await call('GET', `${cfg}/sows/1/exe`, { as: VERA })).status).toBe(400);
  });

  it('moves status draft → proposed → signed; only drafts change; only admins sign', async () => {
    const viewer = await call('POST', `${cfg}/status`, { as: VERA, body: { to: 'proposed' } });
    expect(viewer.body.error.code).toBe('AUTH.ROLE_FORBIDDEN');
    const skip = await call('POST', `${cfg}/status`, { as: OLIVIA, body: { to: 'signed' } });
    expect([skip.status, skip.body.error.code]).toEqual([409, 'CONFIGURATION.TRANSITION_INVALID']);
    const proposed = await call('POST', `${cfg}/status`, {
      as: EDDIE,
      body: { to: 'proposed', comment: 'ready for review' },
    });
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      statusHistory: [{ from: 'draft', to: 'proposed', by: EDDIE }],
    });
    expect((await call('PATCH', cfg, { as: EDDIE, body: { name: 'y' } })).body.error.code).toBe(
      'CONFIGURATION.NOT_EDITABLE',
    );
    expect((await call('DELETE', `${cfg}/sources/${sourceId}`, { as: EDDIE })).body.error.code).toBe(
      'CONFIGURATION.NOT_EDITABLE',
    );
    const editorSigns = await call('POST', `${cfg}/status`, { as: EDDIE, body: { to: 'signed' } });
    expect([editorSigns.status, editorSigns.body.error.code]).toEqual([
      403,
      'CONFIGURATION.TRANSITION_FORBIDDEN',
    ]);
    const signed = await call('POST', `${cfg}/status`, { as: OLIVIA, body: { to: 'signed' } });
    expect(signed.body.status).toBe('signed');
    expect((await call('POST', `${cfg}/status`, { as: ADA, body: { to: 'draft' } })).body.error.code).toBe(
      'CONFIGURATION.TRANSITION_INVALID',
    );
  });

  it('keeps tenant B out of tenant A through every route', async () => {
    const cfgId = cfg.split('/').pop();
    const foreign = [
      ['GET', CONTOSO],
      ['GET', `${CONTOSO}/configurations`],
      ['POST', `${CONTOSO}/configurations`, { name: 'x' }],
      ['GET', cfg],
      ['PATCH', cfg, { name: 'x' }],
      ['DELETE', cfg],
      ['POST', `${cfg}/status`, { to: 'draft' }],
      ['GET', `${cfg}/analysis`],
      ['GET', `${cfg}/dashboard-preview`],
      ['POST', `${cfg}/estimate`, {}],
      ['GET', `${cfg}/sources`],
      ['POST', `${cfg}/sources`, { type: 'csv', name: 'x' }],
      ['GET', `${cfg}/sources/${sourceId}`],
      ['PUT', `${cfg}/sources/${sourceId}`, { type: 'csv', name: 'x' }],
      ['DELETE', `${cfg}/sources/${sourceId}`],
      ['POST', `${cfg}/sample-inference`, { fileName: 'a.csv', content: 'a\n1\n' }],
      ['POST', `${cfg}/sow-preview`, {}],
      ['POST', `${cfg}/sows`, {}],
      ['GET', `${cfg}/sows`],
      ['GET', `${cfg}/sows/1`],
      ['GET', `${cfg}/sows/1/docx`],
    ] as const;
    for (const [method, path, body] of foreign) {
      const res = await call(method, path, { as: ALEX, ...(body ? { body } : {}) });
      expect([method, path, res.status, res.body.error.code]).toEqual([
        method,
        path,
        403,
        'AUTH.TENANT_FORBIDDEN',
      ]);
    }
    // Addressing the id under one's own tenant finds nothing: ids never cross tenants.
    const own = await call('GET', `tenants/fabrikam/configurations/${cfgId}`, { as: ALEX });
    expect([own.status, own.body.error.code]).toEqual([404, 'CONFIGURATION.NOT_FOUND']);
    const ownSources = await call('GET', `tenants/fabrikam/configurations/${cfgId}/sources/${sourceId}`, {
      as: ALEX,
    });
    expect(ownSources.status).toBe(404);
    expect(
      (await call('GET', `tenants/fabrikam/configurations/${cfgId}/sows/1/pdf`, { as: ALEX })).status,
    ).toBe(404);
    expect((await call('GET', 'tenants/fabrikam/configurations', { as: ALEX })).body.items).toEqual([]);
    // Staff read any tenant by naming it.
    expect((await call('GET', `${cfg}/analysis`, { as: SAM })).status).toBe(200);
  });

  it('deletes drafts with their sources (admins), and documents every route in OpenAPI', async () => {
    const draft = await call('POST', `${CONTOSO}/configurations`, {
      as: EDDIE,
      body: { name: 'Scratch', kpiIds: ['otif-rate'] },
    });
    const path = `${CONTOSO}/configurations/${draft.body.id}`;
    const src = await call('POST', `${path}/sources`, { as: EDDIE, body: { type: 'rest', name: 'API' } });
    expect(src.status).toBe(201);
    expect((await call('POST', `${path}/sows`, { as: EDDIE, body: {} })).status).toBe(201);
    expect((await call('DELETE', path, { as: EDDIE })).body.error.code).toBe('AUTH.ROLE_FORBIDDEN');
    expect((await call('DELETE', path, { as: OLIVIA })).status).toBe(204);
    expect((await call('GET', path, { as: OLIVIA })).status).toBe(404);
    expect((await call('GET', `${path}/sources/${src.body.id}`, { as: OLIVIA })).status).toBe(404);
    // The SOW record went with it, and its files: a new draft with the same id could not reach them.
    const blobs = BlobServiceClient.fromConnectionString(stack.values.STORAGE ?? '').getContainerClient(
      'sow-documents',
    );
    const left: string[] = [];
    for await (const b of blobs.listBlobsFlat({ prefix: `contoso/${draft.body.id}/` })) left.push(b.name);
    expect(left).toEqual([]);

    const doc = await call('GET', 'openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/demo-config/tenants',
        '/api/demo-config/tenants/{tenantId}/configurations/{configurationId}/analysis',
        '/api/demo-config/tenants/{tenantId}/configurations/{configurationId}/sample-inference',
      ]),
    );
    expect((await call('PUT', 'tenants', { as: ADA })).status).toBe(405);
  });
});

describe('role matrix', () => {
  // Every route × every seeded user, on tenant contoso. Bodies are refused by validation (400) after the role
  // and tenant checks, and deletes name ids that do not exist, so allowed calls change nothing.
  const users = { ada: ADA, sam: SAM, olivia: OLIVIA, eddie: EDDIE, vera: VERA, alex: ALEX } as const;
  type User = keyof typeof users;
  const everyone: User[] = ['ada', 'sam', 'olivia', 'eddie', 'vera', 'alex'];
  const readers: User[] = ['ada', 'sam', 'olivia', 'eddie', 'vera'];
  const editors: User[] = ['ada', 'olivia', 'eddie'];
  const admins: User[] = ['ada', 'olivia'];
  const bad = { bogus: 1 };
  const matrix: [string, string, User[], unknown?][] = [
    ['POST', 'tenants', ['ada'], bad],
    ['GET', 'tenants', everyone],
    ['GET', CONTOSO, readers],
    ['GET', `${CONTOSO}/configurations`, readers],
    ['POST', `${CONTOSO}/configurations`, editors, bad],
    ['GET', SEEDED, readers],
    ['PATCH', SEEDED, editors, bad],
    ['DELETE', `${CONTOSO}/configurations/no-such-configuration`, admins],
    ['POST', `${SEEDED}/status`, editors, bad],
    ['GET', `${SEEDED}/analysis`, readers],
    ['GET', `${SEEDED}/dashboard-preview`, readers],
    ['POST', `${SEEDED}/estimate`, readers, bad],
    ['GET', `${SEEDED}/sources`, readers],
    ['POST', `${SEEDED}/sources`, editors, bad],
    ['GET', `${SEEDED}/sources/contoso-mes`, readers],
    ['PUT', `${SEEDED}/sources/contoso-mes`, editors, bad],
    ['DELETE', `${SEEDED}/sources/no-such-source`, editors],
    ['POST', `${SEEDED}/sample-inference`, editors, bad],
    ['POST', `${SEEDED}/sow-preview`, readers, bad],
    ['POST', `${SEEDED}/sows`, editors, bad],
    ['GET', `${SEEDED}/sows`, readers],
    ['GET', `${SEEDED}/sows/1`, readers],
    ['GET', `${SEEDED}/sows/1/pdf`, readers],
    // Client deployments only, with their credential (connector.int.test.ts calls it as one): no user.
    ['GET', 'deployment/sources', []],
  ];

  it('covers every documented route', async () => {
    const doc = await call('GET', 'openapi.json');
    const operations = Object.entries(doc.body.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    // The OpenAPI document itself is public and not in the matrix.
    expect(operations.filter((o) => !o.endsWith('/openapi.json'))).toHaveLength(matrix.length);
  });

  it('allows exactly the declared roles on every route', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [method, path, allowed, body] of matrix) {
      for (const user of everyone) {
        const res = await call(method, path, { as: users[user], ...(body ? { body } : {}) });
        const got = res.status === 401 || res.status === 403 ? 'denied' : 'allowed';
        outcomes.push(`${method} ${path} ${user} ${got}`);
        expected.push(`${method} ${path} ${user} ${allowed.includes(user) ? 'allowed' : 'denied'}`);
        if (got === 'allowed' && body) expect(res.status, `${method} ${path} ${user}`).toBe(400);
      }
    }
    expect(outcomes).toEqual(expected);
    // Nothing changed: the seeded configuration is still the seeded draft with its one source.
    const seeded = await call('GET', SEEDED, { as: VERA });
    expect([seeded.body.status, seeded.body.name]).toEqual(['draft', 'Plant performance analytics']);
    expect((await call('GET', `${SEEDED}/sources`, { as: VERA })).body.items).toHaveLength(1);
  });
});

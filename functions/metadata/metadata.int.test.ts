/**
 * The metadata service through the local stack (real host, Cosmos stand-in, Service Bus broker): catalog
 * reads, formula validation and preview, custom KPIs with roles and tenant isolation, versions, diff and
 * audit, and the signed snapshot for client deployments.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../local/stack';

let dataDir: string;
let stack: Stack;

/** A JSON call to the metadata app as a seeded user (or with explicit headers). */
async function call(
  method: string,
  path: string,
  options: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) headers.authorization = `Bearer ${await stack.token(options.as)}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${stack.urls.api}/metadata/${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const VERA = 'vera@contoso.example';
const ALEX = 'alex@fabrikam.example';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-metadata-'));
  stack = await startStack({ dataDir, ports: 'free' });
});

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('catalog reads', () => {
  it('serves a KPI with its derived requirements and an ETag', async () => {
    const res = await call('GET', 'kpis/otif-rate', { as: VERA });
    expect(res.status).toBe(200);
    expect(res.body.kpi.id).toBe('otif-rate');
    expect(res.body.requirements.objects.map((o: { name: string }) => o.name)).toEqual(['Shipment']);
    expect(res.body.industries.length).toBeGreaterThan(0);
    const etag = res.headers.get('etag')!;
    expect(
      (await call('GET', 'kpis/otif-rate', { as: VERA, headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    const missing = await call('GET', 'kpis/no-such-kpi', { as: VERA });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('CATALOG.KPI_NOT_FOUND');
  });

  it('serves the object model and the graph for a set of KPIs', async () => {
    const all = await call('GET', 'objects', { as: ALEX });
    expect(all.status).toBe(200);
    expect(all.body.objects.length).toBeGreaterThanOrEqual(30);
    const graph = await call('GET', 'objects/graph?kpis=otif-rate,gross-margin', { as: ALEX });
    expect(graph.status).toBe(200);
    expect(graph.body.objects.map((o: { name: string }) => o.name).sort()).toEqual([
      'SalesOrderLine',
      'Shipment',
    ]);
    expect((await call('GET', 'objects/graph', { as: ALEX })).status).toBe(400);
    expect((await call('GET', 'objects/graph?kpis=nope-x', { as: ALEX })).status).toBe(404);
  });

  it('ranks search results with name matches first', async () => {
    const res = await call('GET', 'search?q=gross%20margin&limit=3', { as: VERA });
    expect(res.status).toBe(200);
    expect(res.body.items[0].id).toBe('gross-margin');
    expect(res.body.items.length).toBeLessThanOrEqual(3);
    expect((await call('GET', 'search?q=', { as: VERA })).status).toBe(400);
    expect((await call('GET', 'search?q=margin')).status).toBe(401);
  });
});

describe('formulas', () => {
  it('validates: 200 with requirements, 422 FORMULA.INVALID with positioned diagnostics', async () => {
    const ok = await call('POST', 'formulas/validate', {
      as: VERA,
      body: { formula: 'sum(Invoice.amount)' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.requirements.objects[0].name).toBe('Invoice');
    const bad = await call('POST', 'formulas/validate', {
      as: VERA,
      body: { formula: 'sum(Invoice.amountt' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('FORMULA.INVALID');
    expect(bad.body.error.details.diagnostics[0]).toMatchObject({ line: 1 });
  });

  it("previews a formula on the sample data of the tenant's industry, only for its own tenant", async () => {
    const body = { formula: 'count(Shipment where deliveredAt <= promisedAt) / count(Shipment) * 100' };
    const eddie = await call('POST', 'tenants/contoso/formulas/preview', {
      as: 'eddie@contoso.example',
      body,
    });
    expect(eddie.status).toBe(200);
    expect(eddie.body.industryId).toBe('manufacturing');
    expect(eddie.body.value).toBeGreaterThan(0);
    expect(eddie.body.value).toBeLessThanOrEqual(100);
    expect(
      (await call('POST', 'tenants/fabrikam/formulas/preview', { as: 'eddie@contoso.example', body })).status,
    ).toBe(403);
    expect((await call('POST', 'tenants/contoso/formulas/preview', { as: VERA, body })).status).toBe(403);
    const staff = await call('POST', 'tenants/fabrikam/formulas/preview', { as: 'ada@vendor.example', body });
    expect(staff.body.industryId).toBe('retail');
  });
});

/**
 * The metadata service through the local stack (real host, Cosmos stand-in, Service Bus broker): catalog
 * reads, formula validation and preview, custom KPIs with roles and tenant isolation, versions, diff and
 * audit, and the signed snapshot for client deployments.
 */
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import fc from 'fast-check';
import { compactVerify, createLocalJWKSet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededEmails } from '../../local/identity/users';
import { appClient, useStack } from '../../local/test/app-stack';

const stack = useStack('kpi-metadata-');

const call = appClient(stack, 'metadata');

const VERA = 'vera@contoso.example';
const ALEX = 'alex@fabrikam.example';

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

describe('random formulas through the validate endpoint', () => {
  it('always answers 200 or 422 FORMULA.INVALID with diagnostics, never a 500', async () => {
    const formulas = loadCatalog().kpis.map((k) => k.formula);
    const token = await stack.token(VERA);
    const statuses = new Set<number>();
    const formula = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc
        .tuple(fc.constantFrom(...formulas), fc.nat(), fc.nat({ max: 10 }), fc.string({ maxLength: 8 }))
        .map(
          ([f, at, cut, insert]) =>
            f.slice(0, at % (f.length + 1)) + insert + f.slice((at % (f.length + 1)) + cut),
        ),
      fc.integer({ min: 1, max: 200 }).map((n) => `${'('.repeat(n)}1${')'.repeat(n)}`),
      fc.constant('1 + '.repeat(1200)),
    );
    await fc.assert(
      fc.asyncProperty(formula, async (text) => {
        const res = await fetch(`${stack.urls.api}/metadata/formulas/validate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ formula: text }),
        });
        statuses.add(res.status);
        const body = (await res.json()) as {
          ok?: true;
          error?: { code: string; details: { diagnostics: unknown[] } };
        };
        if (res.status === 200) expect(body.ok).toBe(true);
        else {
          expect(res.status).toBe(422);
          expect(body.error?.code).toBe('FORMULA.INVALID');
          expect(body.error?.details.diagnostics.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
    expect([...statuses].sort()).toEqual([200, 422]);
  });
});

describe('custom KPIs', () => {
  const OLIVIA = 'olivia@contoso.example';
  const EDDIE = 'eddie@contoso.example';
  const ADA = 'ada@vendor.example';
  const base = 'tenants/contoso/custom-kpis';
  const draft = {
    id: 'late-shipment-share',
    name: 'Late shipment share',
    description: 'Shipments delivered after the promised time.',
    formula:
      'count(Shipment where deliveredAt > promisedAt) / count(Shipment where deliveredAt is not nul) * 100',
    unit: 'percent',
    unitLabel: '%',
    direction: 'lower-is-better',
    target: 5,
    thresholds: { good: 5, warning: 8, critical: 12 },
    tags: ['delivery'],
  };
  const { id: _id, ...definition } = draft;

  it('lets an editor create a draft (diagnostics included) and refuses a viewer and catalog ids', async () => {
    expect((await call('POST', base, { as: VERA, body: draft })).status).toBe(403);
    const created = await call('POST', base, { as: EDDIE, body: draft });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: draft.id, tenantId: 'contoso', status: 'draft' });
    expect(created.body.diagnostics[0].code).toBe('FORMULA.SYNTAX');
    expect((await call('POST', base, { as: EDDIE, body: draft })).status).toBe(409);
    const taken = await call('POST', base, { as: EDDIE, body: { ...draft, id: 'otif-rate' } });
    expect(taken.body.error.code).toBe('CUSTOM_KPI.ID_TAKEN');
    const smuggled = await call('POST', base, {
      as: EDDIE,
      body: { ...draft, id: 'x-kpi', tenantId: 'fabrikam' },
    });
    expect(smuggled.status).toBe(400);
  });

  it('validates the draft (422 with positions) and will not publish it while invalid', async () => {
    const v = await call('POST', `${base}/${draft.id}/validate`, { as: EDDIE, body: {} });
    expect(v.status).toBe(422);
    expect(v.body.error.details.diagnostics[0]).toMatchObject({ code: 'FORMULA.SYNTAX', line: 1 });
    const p = await call('POST', `${base}/${draft.id}/publish`, { as: OLIVIA, body: {} });
    expect(p.status).toBe(422);
    expect(p.body.error.code).toBe('FORMULA.INVALID');
  });

  it('edits with If-Match: a stale ETag is 412', async () => {
    const read = await call('GET', `${base}/${draft.id}`, { as: VERA });
    const etag = read.headers.get('etag')!;
    const fixed = { ...definition, formula: definition.formula.replace('nul)', 'null)') };
    const saved = await call('PUT', `${base}/${draft.id}`, {
      as: EDDIE,
      body: fixed,
      headers: { 'if-match': etag },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.diagnostics).toEqual([]);
    const stale = await call('PUT', `${base}/${draft.id}`, {
      as: EDDIE,
      body: { ...fixed, target: 4 },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
  });

  it('publishes immutable versions (admin only), diffs them and announces kpi.published', async () => {
    expect((await call('POST', `${base}/${draft.id}/publish`, { as: EDDIE, body: {} })).status).toBe(403);
    const v1 = await call('POST', `${base}/${draft.id}/publish`, { as: OLIVIA, body: { note: 'first' } });
    expect(v1.status).toBe(200);
    expect(v1.body.version).toMatchObject({ version: 1, kpiId: draft.id, note: 'first' });
    expect(v1.body.version.requirements.objects[0].name).toBe('Shipment');
    // Publishing again is idempotent: same version, nothing created, the same message id announced.
    const again = await call('POST', `${base}/${draft.id}/publish`, { as: OLIVIA, body: {} });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, version: { version: 1 } });
    const edited = { ...definition, formula: definition.formula.replace('nul)', 'null)'), target: 4 };
    expect((await call('PUT', `${base}/${draft.id}`, { as: EDDIE, body: edited })).status).toBe(200);
    const v2 = await call('POST', `${base}/${draft.id}/publish`, { as: ADA, body: {} });
    expect(v2.body.version.version).toBe(2);
    const versions = await call('GET', `${base}/${draft.id}/versions`, { as: VERA });
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await call('GET', `${base}/${draft.id}/versions/1`, { as: VERA })).body.definition.target).toBe(
      5,
    );
    const diff = await call('GET', `${base}/${draft.id}/diff?from=1&to=2`, { as: VERA });
    expect(diff.body.changes).toEqual([{ field: 'target', from: 5, to: 4 }]);
    expect((await call('GET', `${base}/${draft.id}/diff?from=2`, { as: VERA })).body.changes).toEqual([]);
    expect((await call('GET', `${base}/${draft.id}/versions/9`, { as: VERA })).status).toBe(404);

    const staff = { authorization: `Bearer ${await stack.token('sam@vendor.example')}` };
    const deadline = Date.now() + 20_000;
    let subjects: string[] = [];
    while (Date.now() < deadline) {
      const res = await fetch(`${stack.urls.api}/monitoring/events`, { headers: staff });
      const body = (await res.json()) as { items: { type: string; subject?: string }[] };
      subjects = body.items.filter((e) => e.type === 'kpi.published').map((e) => e.subject ?? '');
      if (subjects.length >= 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(subjects.filter((s) => s === `contoso/${draft.id}`).length).toBe(2);
  });

  it('completes a publish that failed after writing its version (no second version, audit filled in)', async () => {
    const id = 'half-published';
    const created = await call('POST', base, {
      as: EDDIE,
      body: { ...draft, id, formula: 'count(Shipment)' },
    });
    expect(created.status).toBe(201);
    // As if an earlier publish by Olivia had crashed right after creating version 1.
    const db = cosmosClient({ kind: 'connectionString', value: stack.values.COSMOS as string }).database(
      'kpi',
    );
    const { resource } = await db.container('custom-kpis').item(id, 'contoso').read();
    await db.container('custom-kpi-versions').items.create({
      id: `${id}:v1`,
      tenantId: 'contoso',
      kpiId: id,
      version: 1,
      definition: resource.definition,
      formulaPretty: 'count(Shipment)',
      requirements: { objects: [], relationships: [], kpis: [] },
      catalogVersion: 'x',
      publishedBy: OLIVIA,
      publishedAt: '2026-11-26T10:00:00.000Z',
    });
    const res = await call('POST', `${base}/${id}/publish`, { as: ADA, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: false, kpi: { status: 'published', publishedVersion: 1 } });
    expect((await call('GET', `${base}/${id}/versions`, { as: VERA })).body.items).toHaveLength(1);
    const audit = await call('GET', `tenants/contoso/audit?kpiId=${id}`, { as: OLIVIA });
    const published = audit.body.items.filter((e: { action: string }) => e.action === 'custom-kpi.published');
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      version: 1,
      actor: { email: OLIVIA },
      at: '2026-11-26T10:00:00.000Z',
    });
  });

  it('records who did what, when, for every change', async () => {
    expect((await call('GET', 'tenants/contoso/audit', { as: EDDIE })).status).toBe(403);
    const audit = await call('GET', `tenants/contoso/audit?kpiId=${draft.id}`, { as: OLIVIA });
    expect(audit.status).toBe(200);
    const actions = audit.body.items.map((e: { action: string }) => e.action).reverse();
    expect(actions).toEqual([
      'custom-kpi.created',
      'custom-kpi.updated',
      'custom-kpi.published',
      'custom-kpi.updated',
      'custom-kpi.published',
    ]);
    const publishedByAda = audit.body.items[0];
    expect(publishedByAda).toMatchObject({ actor: { email: ADA }, version: 2 });
    expect(audit.body.items[1].changes).toEqual(['target']);
  });

  it('deprecates: no more edits, versions stay readable', async () => {
    const dep = await call('POST', `${base}/${draft.id}/deprecate`, {
      as: OLIVIA,
      body: { reason: 'replaced' },
    });
    expect(dep.body.status).toBe('deprecated');
    const edit = await call('PUT', `${base}/${draft.id}`, { as: EDDIE, body: definition });
    expect(edit.body.error.code).toBe('CUSTOM_KPI.DEPRECATED');
    expect((await call('GET', `${base}/${draft.id}/versions/2`, { as: VERA })).status).toBe(200);
  });

  it('lets custom KPIs reference published custom KPIs, and refuses cycles among them', async () => {
    const make = async (id: string, formula: string) =>
      call('POST', base, { as: EDDIE, body: { ...draft, id, formula, unit: 'count' } });
    const publish = (id: string) => call('POST', `${base}/${id}/publish`, { as: OLIVIA, body: {} });
    expect((await make('cyc-b', 'count(Shipment)')).body.diagnostics).toEqual([]);
    // Not yet published: unknown to other formulas.
    const early = await make('cyc-a', "kpi('cyc-b') + 1");
    expect(early.body.diagnostics[0].code).toBe('FORMULA.UNKNOWN_KPI');
    expect((await publish('cyc-b')).status).toBe(200);
    expect((await call('GET', `${base}/cyc-a`, { as: VERA })).body.diagnostics).toEqual([]);
    expect((await publish('cyc-a')).status).toBe(200);
    const preview = await call('POST', 'tenants/contoso/formulas/preview', {
      as: EDDIE,
      body: { formula: "kpi('cyc-a') - kpi('cyc-b')" },
    });
    expect(preview.body.value).toBe(1);
    const { id: _x, ...bDefinition } = { ...draft, unit: 'count', formula: "kpi('cyc-a') * 2" };
    expect((await call('PUT', `${base}/cyc-b`, { as: EDDIE, body: bDefinition })).status).toBe(200);
    const cycle = await publish('cyc-b');
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.details.diagnostics[0].code).toBe('FORMULA.KPI_CYCLE');
  });

  it("draws the UML graph of a selection mixing catalog KPIs and the tenant's custom KPIs", async () => {
    const path = `tenants/contoso/objects/graph?kpis=${draft.id},gross-margin`;
    const graph = await call('GET', path, { as: VERA });
    expect(graph.status).toBe(200);
    const shipment = graph.body.objects.find((o: { name: string }) => o.name === 'Shipment');
    expect(shipment.kpis).toEqual([draft.id]);
    expect(graph.body.objects.map((o: { name: string }) => o.name).sort()).toEqual([
      'SalesOrderLine',
      'Shipment',
    ]);
    // The catalog-only graph does not know the custom KPI, nor does another tenant.
    expect((await call('GET', `objects/graph?kpis=${draft.id}`, { as: VERA })).status).toBe(404);
    expect((await call('GET', `tenants/fabrikam/objects/graph?kpis=${draft.id}`, { as: ALEX })).status).toBe(
      404,
    );
  });

  it("never shows a tenant another tenant's custom KPIs, through any route", async () => {
    const one = `${base}/${draft.id}`;
    const probes: [string, string, unknown?][] = [
      ['GET', base],
      ['POST', base, { ...draft, id: 'probe-kpi' }],
      ['GET', one],
      ['PUT', one, definition],
      ['POST', `${one}/validate`, {}],
      ['POST', `${one}/publish`, {}],
      ['POST', `${one}/deprecate`, {}],
      ['GET', `${one}/versions`],
      ['GET', `${one}/versions/1`],
      ['GET', `${one}/diff?from=1&to=2`],
      ['GET', 'tenants/contoso/audit'],
      ['POST', 'tenants/contoso/formulas/preview', { formula: '1' }],
      ['GET', `tenants/contoso/objects/graph?kpis=${draft.id}`],
    ];
    for (const [method, path, body] of probes) {
      const res = await call(method, path, { as: ALEX, body });
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    // In its own tenant, fabrikam sees none of contoso's KPIs, and the same id is a different KPI.
    const own = await call('GET', 'tenants/fabrikam/custom-kpis', { as: ALEX });
    expect(own.body.items).toEqual([]);
    expect((await call('GET', `tenants/fabrikam/custom-kpis/${draft.id}`, { as: ALEX })).status).toBe(404);
    expect(
      (await call('GET', `tenants/fabrikam/custom-kpis/${draft.id}/versions/1`, { as: ALEX })).status,
    ).toBe(404);
    expect((await call('GET', 'tenants/fabrikam/audit', { as: ALEX })).body.items).toEqual([]);
    const mine = await call('POST', 'tenants/fabrikam/custom-kpis', { as: ALEX, body: draft });
    expect(mine.status).toBe(201);
    expect(mine.body.tenantId).toBe('fabrikam');
    // Platform staff address a tenant explicitly.
    const staffList = await call('GET', base, { as: 'sam@vendor.example' });
    expect(staffList.body.items.map((k: { id: string }) => k.id)).toEqual([
      'cyc-a',
      'cyc-b',
      'half-published',
      draft.id,
    ]);
  });
});

describe('snapshots for client deployments', () => {
  const inDays = (n: number) =>
    new Date(Date.now() + n * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z');
  const license = async (path: string, init: { as?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (init.as) headers.authorization = `Bearer ${await stack.token(init.as)}`;
    const res = await fetch(`${stack.urls.api}/license/${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    // biome-ignore lint/suspicious/noExplicitAny: checked by the assertions
    return { status: res.status, body: (await res.json()) as any };
  };
  let credential: string;

  beforeAll(async () => {
    const issued = await license('licenses', {
      as: 'ada@vendor.example',
      body: {
        tenantId: 'contoso',
        // Not a Config configuration, so the licence names its KPIs (custom ones included) itself.
        configurationId: 'cfg-snapshot',
        kpiIds: ['otif-rate', 'revenue-growth', 'late-shipment-share', 'cyc-a'],
        edition: 'professional',
        maxDeployments: 1,
        expiresAt: inDays(365),
        graceDays: 30,
        contacts: ['olivia@contoso.example'],
      },
    });
    expect(issued.status).toBe(201);
    const act = await license('activations', {
      body: { key: issued.body.key, deploymentId: 'contoso-plant' },
    });
    expect(act.status).toBe(201);
    credential = `Deployment ${act.body.credential}`;
  });

  it("serves the licence's KPIs, their referenced KPIs and needed objects, signed with the licence keys", async () => {
    const res = await call('GET', 'snapshot', { headers: { authorization: credential } });
    expect(res.status).toBe(200);
    const jwks = await license('jwks');
    const { payload, protectedHeader } = await compactVerify(res.body.jws, createLocalJWKSet(jwks.body));
    expect(protectedHeader).toMatchObject({
      alg: 'EdDSA',
      typ: 'kpi-catalog-snapshot+jwt',
      kid: res.body.keyId,
    });
    const snapshot = JSON.parse(new TextDecoder().decode(payload));
    expect(snapshot).toMatchObject({ tenantId: 'contoso', deploymentId: 'contoso-plant', unknownKpiIds: [] });
    const kpis = Object.fromEntries(snapshot.kpis.map((k: { id: string }) => [k.id, k]));
    expect(Object.keys(kpis).sort()).toEqual([
      'cyc-a',
      'cyc-b',
      'late-shipment-share',
      'net-revenue',
      'otif-rate',
      'revenue-growth',
    ]);
    // cyc-b only because cyc-a references it, at its published version 1 (its later draft never published).
    expect(kpis['cyc-b']).toMatchObject({
      source: 'custom',
      version: 1,
      selected: false,
      formula: 'count(Shipment)',
    });
    expect(kpis['net-revenue']).toMatchObject({ selected: false, source: 'catalog' });
    // The custom KPI at its latest published version (2, target 4).
    expect(kpis['late-shipment-share']).toMatchObject({
      source: 'custom',
      version: 2,
      target: 4,
      selected: true,
    });
    expect(snapshot.objects.map((o: { name: string }) => o.name)).toContain('Shipment');
    expect(res.body.kpiCount).toBe(6);

    const etag = res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await call('GET', 'snapshot', {
      headers: { authorization: credential, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('refuses users and bad credentials', async () => {
    expect((await call('GET', 'snapshot')).status).toBe(401);
    expect((await call('GET', 'snapshot', { as: 'ada@vendor.example' })).status).toBe(401);
    const forged = credential.replace(/.{4}$/, 'AAAA');
    expect((await call('GET', 'snapshot', { headers: { authorization: forged } })).status).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('describes exactly the HTTP functions the host registered for the app, each with roles and a summary', async () => {
    const doc = (await call('GET', 'openapi.json')).body as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { summary?: string; 'x-roles'?: unknown; parameters: { name: string; in: string }[] }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const functions = (await (await fetch(`${stack.urls.host}/admin/functions`)).json()) as {
      app: string;
      trigger: string;
      route?: string;
      methods?: string[];
    }[];
    const http = functions.filter((f) => f.app === 'metadata' && f.trigger === 'httpTrigger');
    // The fallback (`{*path}`: preflight, 404, 405) is the one HTTP function the document leaves out.
    const isFallback = (f: { route?: string }) => f.route === 'metadata/{*path}';
    expect(http.filter(isFallback)).toHaveLength(1);
    const registered = http
      .filter((f) => !isFallback(f))
      .flatMap((f) => (f.methods ?? []).map((m) => `${m.toUpperCase()} /api/${f.route}`))
      .sort();
    expect(registered.length).toBeGreaterThan(15);
    expect(documented).toEqual(registered);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) {
        expect(op.summary, path).toBeTruthy();
        expect(op['x-roles'], path).toBeDefined();
        const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(templated);
      }
    }
  });
});

describe('global catalog edits', () => {
  const ADA = 'ada@vendor.example';
  const kpiId = 'freight-margin';

  it('lets only platform admins edit a catalog KPI; checked, audited, announced, served at once', async () => {
    const before = await call('GET', `kpis/${kpiId}`, { as: VERA });
    const { id: _id, standard: _standard, ...definition } = before.body.kpi;
    const edited = { ...definition, name: 'Freight margin (edited)', target: before.body.kpi.target + 1 };
    expect(
      (await call('PUT', `catalog/kpis/${kpiId}`, { as: 'olivia@contoso.example', body: edited })).status,
    ).toBe(403);
    expect(
      (await call('PUT', `catalog/kpis/${kpiId}`, { as: 'sam@vendor.example', body: edited })).status,
    ).toBe(403);
    const invalid = await call('PUT', `catalog/kpis/${kpiId}`, {
      as: ADA,
      body: { ...edited, formula: 'sum(Nope.x)' },
    });
    expect(invalid.status).toBe(422);
    const res = await call('PUT', `catalog/kpis/${kpiId}`, { as: ADA, body: edited });
    expect(res.status).toBe(200);
    expect(res.body.kpi.name).toBe('Freight margin (edited)');
    expect(res.body.catalogVersion).toMatch(/\+[0-9a-f]{8}$/);
    const after = await call('GET', `kpis/${kpiId}`, { as: VERA });
    expect(after.body.kpi).toMatchObject({ name: 'Freight margin (edited)', target: edited.target });
    const tree = await call('GET', 'tree?search=edited', { as: VERA });
    expect(tree.body.kpiCount).toBe(1);
    const audit = await call('GET', 'catalog/audit', { as: 'sam@vendor.example' });
    expect(audit.body.items[0]).toMatchObject({
      action: 'catalog-kpi.updated',
      kpiId,
      actor: { email: ADA },
      changes: ['name', 'target'],
    });
    expect((await call('GET', 'catalog/audit', { as: 'olivia@contoso.example' })).status).toBe(403);
    // Tenants see no global audit through their own audit route.
    const own = await call('GET', 'tenants/contoso/audit', { as: 'olivia@contoso.example' });
    expect(own.body.items.some((e: { action: string }) => e.action === 'catalog-kpi.updated')).toBe(false);
  });
});

describe('role matrix', () => {
  // Every route × every seeded user, on tenant contoso. Bodies are refused by validation (400) after the
  // role and tenant checks, so allowed calls change nothing; allowed means neither 401 nor 403.
  const users = seededEmails;
  type User = keyof typeof users;
  const everyone: User[] = ['ada', 'sam', 'olivia', 'eddie', 'vera', 'alex'];
  const contosoReaders: User[] = ['ada', 'sam', 'olivia', 'eddie', 'vera'];
  const contosoEditors: User[] = ['ada', 'olivia', 'eddie'];
  const contosoAdmins: User[] = ['ada', 'olivia'];
  const kpi = 'tenants/contoso/custom-kpis/late-shipment-share';
  const bad = { bogus: 1 };
  const matrix: [string, string, User[], unknown?][] = [
    ['GET', 'tree', everyone],
    ['GET', 'kpis/otif-rate', everyone],
    ['GET', 'objects', everyone],
    ['GET', 'objects/graph?kpis=otif-rate', everyone],
    ['GET', 'search?q=margin', everyone],
    ['POST', 'formulas/validate', everyone, bad],
    ['POST', 'catalog/publish', ['ada'], bad],
    ['PUT', 'catalog/kpis/otif-rate', ['ada'], bad],
    ['GET', 'catalog/audit', ['ada', 'sam']],
    ['POST', 'tenants/contoso/formulas/preview', contosoEditors, bad],
    ['GET', 'tenants/contoso/custom-kpis', contosoReaders],
    ['POST', 'tenants/contoso/custom-kpis', contosoEditors, bad],
    ['GET', kpi, contosoReaders],
    ['PUT', kpi, contosoEditors, bad],
    ['POST', `${kpi}/validate`, contosoEditors, bad],
    ['POST', `${kpi}/publish`, contosoAdmins, bad],
    ['POST', `${kpi}/deprecate`, contosoAdmins, bad],
    ['GET', `${kpi}/versions`, contosoReaders],
    ['GET', `${kpi}/versions/1`, contosoReaders],
    ['GET', `${kpi}/diff?from=1`, contosoReaders],
    ['GET', 'tenants/contoso/audit', ['ada', 'sam', 'olivia']],
    ['GET', 'tenants/contoso/objects/graph?kpis=otif-rate', contosoReaders],
    ['GET', 'snapshot', []],
  ];

  it('allows exactly the declared roles on every route', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const [method, path, allowed, body] of matrix) {
      for (const user of everyone) {
        const res = await call(method, path, { as: users[user], body });
        const got = res.status === 401 || res.status === 403 ? 'denied' : 'allowed';
        outcomes.push(`${method} ${path} ${user} ${got}`);
        expected.push(`${method} ${path} ${user} ${allowed.includes(user) ? 'allowed' : 'denied'}`);
        if (got === 'allowed' && body) expect(res.status, `${method} ${path} ${user}`).toBe(400);
      }
    }
    expect(outcomes).toEqual(expected);
  });
});

/**
 * Heartbeat intake through the local stack (host, Cosmos stand-in): heartbeat → Cosmos → status, duplicates,
 * credential and validation errors, tenant isolation on every endpoint, the role matrix over every route,
 * vendor-wide thresholds and ETag polling.
 */
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededEmails } from '../../local/identity/users';
import type { Stack } from '../../local/stack';
import { useMonitoringStack } from './monitoring-harness';
import { heartbeat } from './monitoring-test-kit';

const h = useMonitoringStack();
const { api, as, send, call, getDeployment } = h;
let stack: Stack;
beforeAll(() => {
  stack = h.stack;
});

describe('heartbeat intake', () => {
  it('stores the heartbeat in Cosmos once, and the deployment is up', async () => {
    const body = heartbeat('contoso-prod');
    const first = await send('contoso-prod', body);
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { duplicate: boolean; periodSeconds: number; serverTime: string };
    expect(answer).toMatchObject({ duplicate: false, periodSeconds: 60, commands: [] });
    expect(Math.abs(Date.parse(answer.serverTime) - Date.now())).toBeLessThan(10_000);

    const retry = await send('contoso-prod', body);
    expect(((await retry.json()) as { duplicate: boolean }).duplicate).toBe(true);

    const client = cosmosClient({ kind: 'connectionString', value: stack.values.COSMOS as string });
    const { resources } = await client
      .database('kpi')
      .container('heartbeats')
      .items.query({
        query: 'SELECT * FROM c WHERE c.id = @id',
        parameters: [{ name: '@id', value: body.id }],
      })
      .fetchAll();
    expect(resources).toHaveLength(1);
    expect(resources[0]).toMatchObject({ deploymentId: 'contoso-prod', tenantId: 'contoso' });

    const d = await getDeployment('contoso', 'contoso-prod');
    expect(d.status).toBe('up');
    expect(d.lastHeartbeat?.id).toBe(body.id);
  });

  it('200 heartbeats of one deployment at concurrency 16, each sent twice: no 412, each stored once, counted once', async () => {
    const t0 = Date.now();
    const bodies = Array.from({ length: 200 }, (_, i) =>
      heartbeat('contoso-edge', {
        sentAt: new Date(t0 + i * 1000).toISOString(),
        requests: { count: 10 + (i % 7), errors: i % 3, p50Ms: 5, p95Ms: 20 },
      }),
    );
    // Every body twice (a sender's retry), in one queue worked by 16 senders at once.
    const queue = [...bodies, ...bodies];
    const statuses: number[] = [];
    const duplicates: boolean[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let body = queue.shift(); body; body = queue.shift()) {
          const res = await send('contoso-edge', body);
          statuses.push(res.status);
          if (res.ok) duplicates.push(((await res.json()) as { duplicate: boolean }).duplicate);
          else await res.body?.cancel();
        }
      }),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(duplicates.filter(Boolean)).toHaveLength(200);

    const client = cosmosClient({ kind: 'connectionString', value: stack.values.COSMOS as string });
    const { resources: stored } = await client
      .database('kpi')
      .container('heartbeats')
      .items.query({
        query: 'SELECT VALUE c.id FROM c WHERE c.deploymentId = @d',
        parameters: [{ name: '@d', value: 'contoso-edge' }],
      })
      .fetchAll();
    expect(new Set(stored)).toEqual(new Set(bodies.map((b) => b.id)));
    expect(stored).toHaveLength(200);

    const d = (await (
      await call('ada@vendor.example', 'GET', 'tenants/contoso/deployments/contoso-edge')
    ).json()) as {
      lastHeartbeat: { id: string };
      recentRequests: { count: number; errors: number; heartbeatId?: string }[];
    };
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(d.recentRequests).toHaveLength(200);
    expect(new Set(d.recentRequests.map((s) => s.heartbeatId)).size).toBe(200);
    expect(sum(d.recentRequests.map((s) => s.count))).toBe(sum(bodies.map((b) => b.requests.count)));
    expect(sum(d.recentRequests.map((s) => s.errors))).toBe(sum(bodies.map((b) => b.requests.errors)));
    expect(d.lastHeartbeat.id).toBe(bodies[199]?.id);
  }, 120_000);

  it('refuses a missing or wrong credential (401), another deployment id (403), a bad body (400)', async () => {
    const anon = await fetch(api('heartbeats'), {
      method: 'POST',
      body: JSON.stringify(heartbeat('contoso-prod')),
    });
    expect(anon.status).toBe(401);
    const bearer = await fetch(api('heartbeats'), {
      method: 'POST',
      headers: await as('olivia@contoso.example'),
      body: JSON.stringify(heartbeat('contoso-prod')),
    });
    expect(bearer.status).toBe(401);
    expect((await send('contoso-prod', heartbeat('fabrikam-prod'))).status).toBe(403);
    const bad = await send('contoso-prod', {
      ...heartbeat('contoso-prod'),
      requests: { count: 1, errors: 5, p50Ms: 1, p95Ms: 1 },
    });
    expect(bad.status).toBe(400);
    const tooMany = heartbeat('contoso-prod', {
      recentErrors: Array.from({ length: 21 }, (_, i) => ({
        key: `k${i}`,
        message: 'x',
        count: 1,
        lastAt: new Date().toISOString(),
      })),
    });
    expect((await send('contoso-prod', tooMany)).status).toBe(400);
  });

  it('serves the heartbeat history to the tenant and staff only', async () => {
    const own = await call(
      'olivia@contoso.example',
      'GET',
      'tenants/contoso/deployments/contoso-prod/heartbeats',
    );
    expect(own.status).toBe(200);
    expect(((await own.json()) as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(1);
    expect(
      (await call('alex@fabrikam.example', 'GET', 'tenants/contoso/deployments/contoso-prod/heartbeats'))
        .status,
    ).toBe(403);
    expect(
      (await call('alex@fabrikam.example', 'GET', 'tenants/fabrikam/deployments/contoso-prod/heartbeats'))
        .status,
    ).toBe(404);
  });
});

describe('tenant isolation on every endpoint', () => {
  const tenantPaths = [
    'deployments',
    'alerts',
    'silences',
    'maintenance-windows',
    'settings',
    'commands',
    'notifications',
    'audit',
  ];

  it('a tenant admin reads only their own tenant; a viewer reads nothing; staff read any', async () => {
    await send('fabrikam-prod');
    for (const p of tenantPaths) {
      expect((await call('olivia@contoso.example', 'GET', `tenants/contoso/${p}`)).status, p).toBe(200);
      expect((await call('olivia@contoso.example', 'GET', `tenants/fabrikam/${p}`)).status, p).toBe(403);
      expect((await call('vera@contoso.example', 'GET', `tenants/contoso/${p}`)).status, p).toBe(403);
      expect((await call('sam@vendor.example', 'GET', `tenants/fabrikam/${p}`)).status, p).toBe(200);
    }
    const fab = (await (
      await call('alex@fabrikam.example', 'GET', 'tenants/fabrikam/deployments')
    ).json()) as {
      items: { id: string; tenantId: string }[];
    };
    expect(fab.items.map((d) => d.id)).toEqual(['fabrikam-prod']);
  });

  it('fleet summaries count deployments by status, per tenant and (for staff) across tenants', async () => {
    const own = (await (
      await call('olivia@contoso.example', 'GET', 'tenants/contoso/fleet-summary')
    ).json()) as {
      up: number;
      total: number;
    };
    expect(own.total).toBeGreaterThanOrEqual(1);
    expect(own.up).toBeGreaterThanOrEqual(1);
    const all = (await (await call('sam@vendor.example', 'GET', 'fleet-summary')).json()) as {
      tenants: { tenantId: string; total: number }[];
      complete: boolean;
    };
    expect(all.complete).toBe(true);
    expect(all.tenants.map((x) => x.tenantId)).toEqual(['contoso', 'fabrikam']);
    expect(all.tenants[0]?.total).toBe(own.total);
  });

  it('cross-tenant lists are for staff only', async () => {
    for (const p of ['deployments', 'alerts', 'notifications']) {
      expect((await call('alex@fabrikam.example', 'GET', p)).status, p).toBe(403);
      expect((await call('sam@vendor.example', 'GET', p)).status, p).toBe(200);
    }
    const fleet = (await (await call('sam@vendor.example', 'GET', 'deployments')).json()) as {
      items: { tenantId: string }[];
    };
    expect(new Set(fleet.items.map((d) => d.tenantId))).toEqual(new Set(['contoso', 'fabrikam']));
  });
});

describe('writes need a tenant and a deployment that exist', () => {
  const errorOf = async (res: Response) => {
    const body = (await res.json()) as { error: { code: string; details?: { path: string }[] } };
    return { status: res.status, code: body.error.code, details: body.error.details };
  };
  const window = () => ({
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3600_000).toISOString(),
  });

  it("PUT of an unknown deployment, or of another tenant's deployment id, is 404 and creates nothing", async () => {
    for (const [who, path] of [
      ['olivia@contoso.example', 'tenants/contoso/deployments/never-registered'],
      ['olivia@contoso.example', 'tenants/contoso/deployments/fabrikam-prod'],
      ['ada@vendor.example', 'tenants/contoso/deployments/fabrikam-prod'],
    ] as const) {
      expect(await errorOf(await call(who, 'PUT', path, { periodSeconds: 30 }))).toMatchObject({
        status: 404,
        code: 'DEPLOYMENT.NOT_FOUND',
      });
      expect((await call('ada@vendor.example', 'GET', path)).status).toBe(404);
    }
  });

  it('staff cannot write settings, silences, windows or deployments under a tenant that does not exist', async () => {
    const t = 'tenants/no-such-tenant';
    const writes: [string, string, unknown][] = [
      ['PUT', `${t}/settings`, { thresholds: { errorRate: 0.2 } }],
      [
        'POST',
        `${t}/silences`,
        { matchers: [{ label: 'rule', op: '=', value: 'memory' }], schedule: window(), comment: 'x' },
      ],
      ['POST', `${t}/maintenance-windows`, { schedule: window(), reason: 'x' }],
      ['PUT', `${t}/deployments/ghost-prod`, { periodSeconds: 30 }],
    ];
    for (const [method, path, body] of writes) {
      expect(await errorOf(await call('ada@vendor.example', method, path, body)), path).toMatchObject({
        status: 404,
        code: 'TENANT.NOT_FOUND',
      });
    }
    const silences = (await (await call('ada@vendor.example', 'GET', `${t}/silences`)).json()) as {
      items: unknown[];
    };
    expect(silences.items).toEqual([]);
  });

  it('a silence pattern RE2 cannot take is 422 SILENCE.PATTERN_INVALID naming the matcher; (x+x+)+y is taken', async () => {
    const refused = await call('olivia@contoso.example', 'POST', 'tenants/contoso/silences', {
      matchers: [
        { label: 'rule', op: '=', value: 'memory' },
        { label: 'deploymentId', op: '=~', value: '(?=contoso)contoso-.*' },
      ],
      schedule: window(),
      comment: 'look-ahead',
    });
    expect(await errorOf(refused)).toMatchObject({
      status: 422,
      code: 'SILENCE.PATTERN_INVALID',
      details: [{ path: 'matchers.1.value' }],
    });
    const redos = await call('olivia@contoso.example', 'POST', 'tenants/contoso/silences', {
      matchers: [{ label: 'deploymentId', op: '=~', value: '(x+x+)+y' }],
      schedule: window(),
      comment: 'once a ReDoS',
    });
    expect(redos.status).toBe(201);
    const { id } = (await redos.json()) as { id: string };
    expect((await call('olivia@contoso.example', 'DELETE', `tenants/contoso/silences/${id}`)).status).toBe(
      204,
    );
  });
});

describe('role matrix: every route against every seeded user', () => {
  const users = seededEmails;
  type Who = keyof typeof users;
  const everyone = Object.keys(users) as Who[];
  // Routes on tenant contoso: alex (fabrikam admin) is refused by tenant, eddie and vera by role.
  const fleet: Who[] = ['ada', 'sam', 'olivia'];
  const staff: Who[] = ['ada', 'sam'];
  const t = 'tenants/contoso';
  const matrix: [string, string, Who[] | 'public' | 'deployment', unknown?][] = [
    ['POST', 'heartbeats', 'deployment', {}],
    ['POST', 'commands/{commandId}/result', 'deployment', {}],
    ['GET', `${t}/deployments`, fleet],
    ['GET', `${t}/deployments/{deploymentId}`, fleet],
    ['PUT', `${t}/deployments/{deploymentId}`, fleet, { periodSeconds: 5 }],
    ['GET', `${t}/deployments/{deploymentId}/heartbeats`, fleet],
    ['POST', `${t}/deployments/{deploymentId}/commands`, staff, {}],
    ['GET', 'deployments', staff],
    ['GET', `${t}/fleet-summary`, fleet],
    ['GET', 'fleet-summary', staff],
    ['GET', `${t}/alerts`, fleet],
    ['GET', 'alerts', staff],
    ['POST', `${t}/alerts/{alertId}/acknowledge`, fleet, {}],
    ['POST', `${t}/alerts/{alertId}/resolve`, fleet, { comment: 1 }],
    ['GET', `${t}/silences`, fleet],
    ['POST', `${t}/silences`, fleet, {}],
    ['PUT', `${t}/silences/{id}`, fleet, {}],
    ['DELETE', `${t}/silences/{id}`, fleet],
    ['GET', `${t}/maintenance-windows`, fleet],
    ['POST', `${t}/maintenance-windows`, fleet, {}],
    ['PUT', `${t}/maintenance-windows/{id}`, fleet, {}],
    ['DELETE', `${t}/maintenance-windows/{id}`, fleet],
    ['GET', `${t}/settings`, fleet],
    ['PUT', `${t}/settings`, ['ada', 'olivia'], { thresholds: { errorRate: 7 } }],
    ['PUT', 'vendor/contacts', ['ada'], {}],
    ['GET', 'vendor/settings', staff],
    ['PUT', 'vendor/settings', ['ada'], { thresholds: { errorRate: 7 } }],
    ['GET', `${t}/commands/{commandId}/diagnostics`, staff],
    ['GET', `${t}/commands`, fleet],
    ['GET', `${t}/notifications`, fleet],
    ['GET', 'notifications', staff],
    ['GET', `${t}/audit`, fleet],
    ['GET', `${t}/licenses`, fleet],
    ['GET', 'licenses', staff],
    ['GET', `${t}/account-manager`, fleet],
    ['GET', 'events', staff],
    ['GET', 'health', staff],
    ['GET', 'openapi.json', 'public'],
  ];
  const concrete = (path: string) =>
    path
      .replace('{deploymentId}', 'matrix-none')
      .replace('{alertId}', 'none')
      .replace('{id}', 'none')
      .replace('{commandId}', 'none');

  it('covers every documented route of the app', async () => {
    const doc = (await (await fetch(api('openapi.json'))).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace('/api/monitoring/', '')}`),
    );
    const covered = matrix.map(([m, p]) => `${m} ${p.replace(t, 'tenants/{tenantId}')}`);
    expect(covered.sort()).toEqual(documented.sort());
  });

  it('allows exactly the declared roles (others get 403, or 401 on deployment routes)', async () => {
    const problems: string[] = [];
    for (const [method, path, allowed, body] of matrix) {
      for (const who of everyone) {
        const res = await fetch(api(concrete(path)), {
          method,
          headers: await as(users[who]),
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        await res.body?.cancel();
        const refused = res.status === 401 || res.status === 403;
        const expectRefused = allowed === 'deployment' || (allowed !== 'public' && !allowed.includes(who));
        if (refused !== expectRefused) problems.push(`${method} ${path} as ${who}: ${res.status}`);
        if (allowed === 'deployment' && res.status !== 401)
          problems.push(`${method} ${path} as ${who}: ${res.status}, not 401`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('vendor-wide thresholds', () => {
  it('a minimum app version set by the vendor opens app-version alerts; a tenant override wins', async () => {
    const put = await call('ada@vendor.example', 'PUT', 'vendor/settings', {
      thresholds: { minAppVersion: '1.5.0' },
    });
    expect(put.status).toBe(200);
    await send('contoso-prod', heartbeat('contoso-prod', { appVersion: '1.4.9' }));
    expect((await getDeployment('contoso', 'contoso-prod')).openAlerts['app-version']).toBeTruthy();
    const own = await call('olivia@contoso.example', 'PUT', 'tenants/contoso/settings', {
      thresholds: { minAppVersion: '1.4.0' },
    });
    expect(own.status).toBe(200);
    await send('contoso-prod', heartbeat('contoso-prod', { appVersion: '1.4.9' }));
    expect((await getDeployment('contoso', 'contoso-prod')).openAlerts['app-version']).toBeUndefined();
  });

  it('list routes answer 304 to an unchanged If-None-Match, for cheap live polling', async () => {
    const headers = await as('olivia@contoso.example');
    const first = await fetch(api('tenants/contoso/alerts'), { headers });
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(api('tenants/contoso/alerts'), {
      headers: { ...headers, 'if-none-match': etag as string },
    });
    expect(again.status).toBe(304);
  });
});

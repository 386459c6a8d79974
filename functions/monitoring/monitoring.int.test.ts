/**
 * The monitoring app through the local stack (real host, Cosmos stand-in, Service Bus broker, ACS e-mail
 * stand-in): heartbeat → Cosmos → status, the sweep on due time, alerts and e-mails (silence → none,
 * recovery → resolved, duplicate delivery → one), tenant isolation, and a remote command round trip.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { ServiceBusEventPublisher } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../local/stack';
import { credentialFor, heartbeat, mailTo, outbox, poll } from './monitoring-test-kit';

let dataDir: string;
let stack: Stack;
const creds: Record<string, string> = {};
const api = (path: string) => `${stack.urls.api}/monitoring/${path}`;
const as = async (email: string) => ({
  authorization: `Bearer ${await stack.token(email)}`,
  'content-type': 'application/json',
});
const send = (deploymentId: string, body: unknown = heartbeat(deploymentId)) =>
  fetch(api('heartbeats'), {
    method: 'POST',
    headers: { authorization: creds[deploymentId] as string, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const call = async (email: string, method: string, path: string, body?: unknown) =>
  fetch(api(path), {
    method,
    headers: await as(email),
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
const sweep = async () => {
  const res = await fetch(`${stack.urls.host}/admin/functions/deployments-sweep?wait=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
};
const getDeployment = async (tenant: string, id: string) =>
  (await (await call('ada@vendor.example', 'GET', `tenants/${tenant}/deployments/${id}`)).json()) as {
    status: string;
    openAlerts: Record<string, string>;
    lastHeartbeat?: { id: string };
  };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-monitoring-'));
  stack = await startStack({
    dataDir,
    ports: 'free',
    ...(process.env.MONITORING_TEST_LOG ? { log: (l: string) => console.log(l) } : {}),
  });
  for (const [tenant, id] of [
    ['contoso', 'contoso-prod'],
    ['contoso', 'contoso-edge'],
    ['contoso', 'contoso-lab'],
    ['fabrikam', 'fabrikam-prod'],
  ] as const) {
    creds[id] = await credentialFor(stack, tenant, id);
  }
  // Alerts of contoso go to its ops address; vendor support gets everything.
  expect(
    (
      await call('olivia@contoso.example', 'PUT', 'tenants/contoso/settings', {
        contacts: { emails: ['ops@contoso.example'] },
      })
    ).status,
  ).toBe(200);
  expect(
    (await call('ada@vendor.example', 'PUT', 'vendor/contacts', { emails: ['sam@vendor.example'] })).status,
  ).toBe(200);
});

afterAll(async () => {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
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

describe('status, alerts and e-mail', () => {
  const fastTiming = { periodSeconds: 10, graceSeconds: 0 };

  it('down → alert opened and mailed; recovery → resolved and mailed', async () => {
    expect(
      (await call('olivia@contoso.example', 'PUT', 'tenants/contoso/deployments/contoso-edge', fastTiming))
        .status,
    ).toBe(200);
    await send('contoso-edge');
    await sweep();
    expect((await getDeployment('contoso', 'contoso-edge')).status).toBe('up');
    await new Promise((r) => setTimeout(r, 10_500));
    await sweep();
    const down = await getDeployment('contoso', 'contoso-edge');
    expect(down.status).toBe('down');
    const alertId = down.openAlerts['heartbeat-missing'];
    expect(alertId).toBeTruthy();

    const opened = await poll('alert e-mail', async () => {
      const m = await mailTo(stack, 'ops@contoso.example', 'contoso/contoso-edge: heartbeat-missing');
      return m.length > 0 ? m : undefined;
    });
    expect(opened).toHaveLength(1);
    expect(opened[0]?.content.plainText).toContain('No heartbeat');
    const support = await poll('alert e-mail to vendor support', async () => {
      const m = await mailTo(stack, 'sam@vendor.example', 'contoso/contoso-edge: heartbeat-missing');
      return m.length > 0 ? m : undefined;
    });
    expect(support).toHaveLength(1);

    // A second sweep changes nothing and sends nothing.
    await sweep();
    expect((await getDeployment('contoso', 'contoso-edge')).openAlerts['heartbeat-missing']).toBe(alertId);

    await send('contoso-edge');
    const up = await getDeployment('contoso', 'contoso-edge');
    expect(up.status).toBe('up');
    expect(up.openAlerts['heartbeat-missing']).toBeUndefined();
    await poll('resolved e-mail', async () => {
      const m = await mailTo(stack, 'ops@contoso.example', 'RESOLVED contoso/contoso-edge');
      return m.length > 0 ? m : undefined;
    });
    const alerts = (await (
      await call('olivia@contoso.example', 'GET', 'tenants/contoso/alerts?deploymentId=contoso-edge')
    ).json()) as {
      items: { id: string; state: string; resolvedBy?: string }[];
    };
    expect(alerts.items.find((a) => a.id === alertId)).toMatchObject({
      state: 'resolved',
      resolvedBy: 'auto',
    });
    expect((await mailTo(stack, 'ops@contoso.example', 'CRITICAL contoso/contoso-edge')).length).toBe(1);
    // Back to the default timing, so later tests do not see this deployment go down again.
    await call('olivia@contoso.example', 'PUT', 'tenants/contoso/deployments/contoso-edge', {
      periodSeconds: 60,
      graceSeconds: 180,
    });
  });

  it('a silenced alert is recorded but not mailed', async () => {
    const now = Date.now();
    const silence = await call('olivia@contoso.example', 'POST', 'tenants/contoso/silences', {
      matchers: [{ label: 'deploymentId', op: '=~', value: 'contoso-l.*' }],
      schedule: {
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3600_000).toISOString(),
      },
      comment: 'lab is being rebuilt',
    });
    expect(silence.status).toBe(201);
    await call('olivia@contoso.example', 'PUT', 'tenants/contoso/deployments/contoso-lab', fastTiming);
    await send('contoso-lab');
    await new Promise((r) => setTimeout(r, 10_500));
    await sweep();
    const d = await getDeployment('contoso', 'contoso-lab');
    expect(d.status).toBe('down');
    const record = await poll('silenced notification record', async () => {
      const list = (await (
        await call('olivia@contoso.example', 'GET', 'tenants/contoso/notifications')
      ).json()) as {
        items: { alertIds: string[]; status: string }[];
      };
      return list.items.find((n) => n.alertIds.includes(d.openAlerts['heartbeat-missing'] as string));
    });
    expect(record.status).toBe('silenced');
    const mentions = (await outbox(stack)).filter((m) =>
      `${m.content.subject}\n${m.content.plainText}`.includes('contoso-lab'),
    );
    expect(mentions).toEqual([]);
  });

  it('acknowledge with a comment, resolve by hand (frees the rule), all audited; wrong steps are 409', async () => {
    const lab = await getDeployment('contoso', 'contoso-lab');
    const alertId = lab.openAlerts['heartbeat-missing'] as string;
    expect(alertId).toBeTruthy();
    const path = (action: string) => `tenants/contoso/alerts/${encodeURIComponent(alertId)}/${action}`;
    expect((await call('olivia@contoso.example', 'POST', path('acknowledge'), {})).status).toBe(400);
    expect((await call('alex@fabrikam.example', 'POST', path('acknowledge'), { comment: 'x' })).status).toBe(
      403,
    );
    const acked = await call('olivia@contoso.example', 'POST', path('acknowledge'), {
      comment: 'rebuilding the lab',
    });
    expect(acked.status).toBe(200);
    expect(await acked.json()).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'olivia@contoso.example',
      comment: 'rebuilding the lab',
    });
    const twice = await call('olivia@contoso.example', 'POST', path('acknowledge'), { comment: 'again' });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { error: { code: string } }).error.code).toBe('ALERT.NOT_OPEN');
    // Still one alert for the rule while acknowledged.
    expect((await getDeployment('contoso', 'contoso-lab')).openAlerts['heartbeat-missing']).toBe(alertId);
    const resolved = await call('sam@vendor.example', 'POST', path('resolve'), { comment: 'lab retired' });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ state: 'resolved', resolvedBy: 'sam@vendor.example' });
    expect((await getDeployment('contoso', 'contoso-lab')).openAlerts['heartbeat-missing']).toBeUndefined();
    expect((await call('sam@vendor.example', 'POST', path('resolve'), {})).status).toBe(409);
    const audit = (await (await call('olivia@contoso.example', 'GET', 'tenants/contoso/audit')).json()) as {
      items: { action: string; target: string; actor: string }[];
    };
    expect(
      audit.items
        .filter((a) => a.target === alertId)
        .map((a) => `${a.action}:${a.actor}`)
        .sort(),
    ).toEqual(['alert.acknowledged:olivia@contoso.example', 'alert.resolved:sam@vendor.example']);
  });

  it('a duplicate delivery of a notification sends one e-mail', async () => {
    const edge = await getDeployment('contoso', 'contoso-edge');
    const alerts = (await (
      await call('olivia@contoso.example', 'GET', 'tenants/contoso/alerts?deploymentId=contoso-edge')
    ).json()) as { items: { id: string }[] };
    const alertId = alerts.items[0]?.id as string;
    expect(alertId).toBeTruthy();
    expect(edge.openAlerts['heartbeat-missing']).toBeUndefined();
    const subject = 'CRITICAL contoso/contoso-edge: heartbeat-missing';
    const before = (await mailTo(stack, 'ops@contoso.example', subject)).length;
    const publisher = ServiceBusEventPublisher.fromConnection({
      kind: 'connectionString',
      value: stack.values.SERVICEBUS as string,
    });
    const group = {
      key: `opened-dup-${Date.now()}`,
      tenantId: 'contoso',
      kind: 'opened',
      alertIds: [alertId],
      occurrences: [0],
    };
    // Two messages with different ids: the broker delivers both, the mailer must still send once.
    for (let i = 0; i < 2; i++) {
      await publisher.publish('monitoring-notifications', {
        type: 'monitoring.notify',
        data: group,
        messageId: `dup-${i}-${group.key}`,
      });
    }
    await poll('the e-mail of the duplicated notification', async () => {
      const n = (await mailTo(stack, 'ops@contoso.example', subject)).length;
      return n > before ? n : undefined;
    });
    await new Promise((r) => setTimeout(r, 2500));
    expect((await mailTo(stack, 'ops@contoso.example', subject)).length).toBe(before + 1);
    const list = (await (
      await call('olivia@contoso.example', 'GET', 'tenants/contoso/notifications')
    ).json()) as {
      items: { groupKey: string; recipient?: string; status: string }[];
    };
    const forGroup = list.items.filter((n) => n.groupKey === group.key);
    expect(forGroup.map((n) => `${n.recipient}:${n.status}`).sort()).toEqual([
      'ops@contoso.example:sent',
      'sam@vendor.example:sent',
    ]);
  });
});

describe('remote commands', () => {
  it('support issues, the heartbeat carries it, the deployment answers, everything is audited', async () => {
    const issue = (email: string, body: unknown) =>
      call(email, 'POST', 'tenants/contoso/deployments/contoso-prod/commands', body);
    expect((await issue('olivia@contoso.example', { command: { kind: 'ping' }, reason: 'try' })).status).toBe(
      403,
    );
    expect((await issue('sam@vendor.example', { command: { kind: 'shell' }, reason: 'nope' })).status).toBe(
      400,
    );
    const created = await issue('sam@vendor.example', {
      command: { kind: 'collect-diagnostics' },
      reason: 'ticket 4711: slow dashboards',
      expiresInMinutes: 30,
    });
    expect(created.status).toBe(201);
    const command = (await created.json()) as { id: string; state: string };
    expect(command.state).toBe('pending');

    // Another deployment never sees it.
    const other = (await (await send('fabrikam-prod')).json()) as { commands: unknown[] };
    expect(other.commands).toEqual([]);
    const hb = (await (await send('contoso-prod')).json()) as {
      commands: { id: string; command: { kind: string } }[];
    };
    expect(hb.commands).toEqual([
      expect.objectContaining({ id: command.id, command: { kind: 'collect-diagnostics' } }),
    ]);

    const post = (deploymentId: string, body: unknown) =>
      fetch(api(`commands/${command.id}/result`), {
        method: 'POST',
        headers: { authorization: creds[deploymentId] as string, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('fabrikam-prod', { ok: true, message: 'hijack' })).status).toBe(404);
    const answered = await post('contoso-prod', {
      ok: true,
      message: 'bundle collected',
      diagnostics: { heapMb: 120, slowQueries: ['q1'] },
    });
    expect(answered.status).toBe(200);
    const done = (await answered.json()) as { state: string; result: { diagnosticsBlob?: string } };
    expect(done.state).toBe('succeeded');
    expect(done.result.diagnosticsBlob).toBe(`contoso/contoso-prod/${command.id}.json`);

    const bundle = await call(
      'sam@vendor.example',
      'GET',
      `tenants/contoso/commands/${command.id}/diagnostics`,
    );
    expect(bundle.status).toBe(200);
    expect(await bundle.json()).toEqual({ heapMb: 120, slowQueries: ['q1'] });
    expect(
      (await call('olivia@contoso.example', 'GET', `tenants/contoso/commands/${command.id}/diagnostics`))
        .status,
    ).toBe(403);

    // Answered commands are not delivered again.
    const next = (await (await send('contoso-prod')).json()) as { commands: unknown[] };
    expect(next.commands).toEqual([]);

    const list = (await (await call('olivia@contoso.example', 'GET', 'tenants/contoso/commands')).json()) as {
      items: { id: string; state: string; issuedBy: string }[];
    };
    expect(list.items.find((c) => c.id === command.id)).toMatchObject({
      state: 'succeeded',
      issuedBy: 'sam@vendor.example',
    });
    expect((await call('alex@fabrikam.example', 'GET', 'tenants/contoso/commands')).status).toBe(403);
    const audit = (await (await call('olivia@contoso.example', 'GET', 'tenants/contoso/audit')).json()) as {
      items: { action: string; target: string; actor: string }[];
    };
    const forCommand = audit.items.filter((a) => a.target === command.id);
    expect(forCommand.map((a) => `${a.action}:${a.actor}`).sort()).toEqual([
      'command.issued:sam@vendor.example',
      'command.succeeded:deployment:contoso-prod',
    ]);
  });
});

describe('maintenance windows', () => {
  it('a deployment inside a window is paused instead of late, and no alert opens', async () => {
    const fabHeaders = 'alex@fabrikam.example';
    await call(fabHeaders, 'PUT', 'tenants/fabrikam/deployments/fabrikam-prod', {
      periodSeconds: 10,
      graceSeconds: 0,
    });
    const now = Date.now();
    const created = await call(fabHeaders, 'POST', 'tenants/fabrikam/maintenance-windows', {
      deploymentIds: ['fabrikam-prod'],
      schedule: {
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3600_000).toISOString(),
      },
      reason: 'database upgrade',
    });
    expect(created.status).toBe(201);
    const bad = await call(fabHeaders, 'POST', 'tenants/fabrikam/maintenance-windows', {
      schedule: { recurrence: { cron: '99 * * * *', durationMinutes: 10 } },
      reason: 'bad cron',
    });
    expect(bad.status).toBe(400);
    await send('fabrikam-prod');
    await new Promise((r) => setTimeout(r, 10_500));
    await sweep();
    const d = await getDeployment('fabrikam', 'fabrikam-prod');
    expect(d.status).toBe('paused');
    expect(d.openAlerts).toEqual({});
  });
});

describe('telemetry sender against the intake', () => {
  it('delivers heartbeats, runs a received command once and reports its result', async () => {
    const { HeartbeatSender } = await import('@kpi/shared/telemetry/heartbeat-sender');
    const { nodeProcessMetrics } = await import('@kpi/shared/telemetry/process-metrics');
    const levels: string[] = [];
    const sender = new HeartbeatSender({
      endpoint: `${stack.urls.api}/monitoring`,
      authorization: () => creds['contoso-prod'] as string,
      deploymentId: 'contoso-prod',
      appVersion: '1.5.0',
      processMetrics: nodeProcessMetrics(),
      commands: {
        'set-log-level': async (c) => {
          levels.push(c.command.kind === 'set-log-level' ? c.command.level : '?');
          return { ok: true, message: 'log level changed' };
        },
      },
    });
    for (let i = 0; i < 50; i++) sender.recordRequest(10 + i, i % 10 === 0);
    expect(await sender.tick()).toMatchObject({ sent: 1, buffered: 0, state: 'ok' });
    const issued = await call(
      'sam@vendor.example',
      'POST',
      'tenants/contoso/deployments/contoso-prod/commands',
      {
        command: { kind: 'set-log-level', level: 'debug' },
        reason: 'ticket 4712',
      },
    );
    const { id } = (await issued.json()) as { id: string };
    await sender.tick();
    await sender.tick();
    expect(levels).toEqual(['debug']);
    const list = (await (
      await call('olivia@contoso.example', 'GET', 'tenants/contoso/commands?deploymentId=contoso-prod')
    ).json()) as { items: { id: string; state: string; result?: { message: string } }[] };
    expect(list.items.find((c) => c.id === id)).toMatchObject({
      state: 'succeeded',
      result: { message: 'log level changed' },
    });
    const d = (await (
      await call('ada@vendor.example', 'GET', 'tenants/contoso/deployments/contoso-prod')
    ).json()) as {
      lastHeartbeat: { appVersion: string; requestCount: number };
    };
    expect(d.lastHeartbeat.appVersion).toBe('1.5.0');
  });
});

describe('licence tracking from license.* events', () => {
  it('expiring → tracked, alert opened and mailed to the licence contacts; renewal resolves it', async () => {
    const publisher = ServiceBusEventPublisher.fromConnection({
      kind: 'connectionString',
      value: stack.values.SERVICEBUS as string,
    });
    const expiresAt = new Date(Date.now() + 29.5 * 86_400_000).toISOString();
    const data = (status: string, extra: Record<string, unknown> = {}) => ({
      licenseId: 'lic-contoso-1',
      tenantId: 'contoso',
      configurationId: 'cfg-1',
      expiresAt,
      graceDays: 30,
      status,
      contacts: ['owner@contoso.example'],
      idempotencyKey: `lic-contoso-1:${status}:${Date.now()}`,
      ...extra,
    });
    await publisher.publish('license-events', {
      type: 'license.expiring',
      subject: 'lic-contoso-1',
      data: data('expiring', { milestone: 30 }),
    });
    const alert = await poll('licence alert', async () => {
      const list = (await (
        await call('olivia@contoso.example', 'GET', 'tenants/contoso/alerts?rule=license-expiring')
      ).json()) as { items: { id: string; state: string; deploymentId: string; severity: string }[] };
      return list.items[0];
    });
    expect(alert).toMatchObject({
      state: 'open',
      deploymentId: 'license:lic-contoso-1',
      severity: 'warning',
    });
    const licenses = (await (
      await call('olivia@contoso.example', 'GET', 'tenants/contoso/licenses')
    ).json()) as {
      items: { id: string; status: string; daysLeft: number }[];
    };
    expect(licenses.items).toEqual([
      expect.objectContaining({ id: 'lic-contoso-1', status: 'expiring', daysLeft: 30 }),
    ]);
    expect((await call('alex@fabrikam.example', 'GET', 'tenants/fabrikam/licenses')).status).toBe(200);
    expect(
      (
        (await (await call('alex@fabrikam.example', 'GET', 'tenants/fabrikam/licenses')).json()) as {
          items: unknown[];
        }
      ).items,
    ).toEqual([]);
    await poll('licence e-mail', async () => {
      const m = await mailTo(stack, 'owner@contoso.example', 'license:lic-contoso-1: license-expiring');
      return m.length > 0 ? m : undefined;
    });

    await publisher.publish('license-events', {
      type: 'license.renewed',
      subject: 'lic-contoso-1',
      data: { ...data('active'), expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() },
    });
    await poll('licence alert resolved', async () => {
      const list = (await (
        await call('olivia@contoso.example', 'GET', 'tenants/contoso/alerts?rule=license-expiring')
      ).json()) as { items: { id: string; state: string }[] };
      return list.items.find((a) => a.id === alert.id && a.state === 'resolved');
    });
    await poll('resolved licence e-mail', async () => {
      const m = await mailTo(stack, 'owner@contoso.example', 'RESOLVED');
      return m.length > 0 ? m : undefined;
    });
  });
});

describe('role matrix: every route against every seeded user', () => {
  const users = {
    ada: 'ada@vendor.example',
    sam: 'sam@vendor.example',
    olivia: 'olivia@contoso.example',
    eddie: 'eddie@contoso.example',
    vera: 'vera@contoso.example',
    alex: 'alex@fabrikam.example',
  } as const;
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
    ['DELETE', `${t}/silences/{id}`, fleet],
    ['GET', `${t}/maintenance-windows`, fleet],
    ['POST', `${t}/maintenance-windows`, fleet, {}],
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

/**
 * Remote commands, the telemetry sender and licence tracking through the local stack.
 */
import { ServiceBusEventPublisher } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/stack';
import { useMonitoringStack } from './monitoring-harness';
import { mailTo, poll } from './monitoring-test-kit';

const h = useMonitoringStack();
const { api, send, call } = h;
const creds = h.creds;
let stack: Stack;
beforeAll(() => {
  stack = h.stack;
});

describe('remote commands', () => {
  it('support issues, the heartbeat carries it, the deployment answers, everything is audited', async () => {
    // Commands are for deployments monitoring knows: it has heard from this one.
    expect((await send('contoso-prod')).status).toBe(200);
    expect(
      (
        await call('sam@vendor.example', 'POST', 'tenants/contoso/deployments/never-seen/commands', {
          command: { kind: 'ping' },
          reason: 'unknown deployment',
        })
      ).status,
    ).toBe(404);
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
    // Diagnostics nested 10,000 deep are refused by the edge before parsing (400 REQUEST.NESTING_TOO_DEEP);
    // 40 deep passes the edge's JSON limit (64) but not the command result's own (32). Both leave the command open.
    const postRaw = (diagnostics: string) =>
      fetch(api(`commands/${command.id}/result`), {
        method: 'POST',
        headers: { authorization: creds['contoso-prod'] as string, 'content-type': 'application/json' },
        body: `{"ok":true,"message":"deep","diagnostics":${diagnostics}}`,
      });
    const nested = (depth: number) => `${'{"d":'.repeat(depth)}{}${'}'.repeat(depth)}`;
    for (const [depth, code] of [
      [10_000, 'REQUEST.NESTING_TOO_DEEP'],
      [40, 'REQUEST.VALIDATION_FAILED'],
    ] as const) {
      const tooDeep = await postRaw(nested(depth));
      expect(tooDeep.status).toBe(400);
      expect(((await tooDeep.json()) as { error: { code: string } }).error.code).toBe(code);
    }
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
  it('expiring → tracked, alert opened, licence contacts e-mailed; renewal resolves it and says so', async () => {
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
      const m = await mailTo(stack, 'owner@contoso.example', 'licence expires in 30 days');
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
    await poll('renewal e-mail', async () => {
      const m = await mailTo(stack, 'owner@contoso.example', 'licence was renewed');
      return m.length > 0 ? m : undefined;
    });
  });
});

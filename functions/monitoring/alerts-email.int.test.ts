/**
 * Status, alerts and e-mail through the local stack: the sweep on due time, alerts opened and mailed,
 * recovery → resolved e-mail, silence → no e-mail, acknowledge/resolve by hand, duplicate delivery → one
 * e-mail, an alert of the longest deployment id addressed by its id, maintenance windows.
 */
import { ServiceBusEventPublisher } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/stack';
import { useMonitoringStack } from './monitoring-harness';
import { mailTo, outbox, poll } from './monitoring-test-kit';

const h = useMonitoringStack();
const { send, call, sweep, getDeployment } = h;
let stack: Stack;
beforeAll(() => {
  stack = h.stack;
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

  it('an alert of a 128-character deployment id is listed and acknowledged through its id route', async () => {
    const licenseId = `long-${'x'.repeat(115)}`; // its alerts' deployment id, `license:<id>`, is 128 characters
    const deploymentId = `license:${licenseId}`;
    expect(deploymentId).toHaveLength(128);
    const publisher = ServiceBusEventPublisher.fromConnection({
      kind: 'connectionString',
      value: stack.values.SERVICEBUS as string,
    });
    const expiresAt = new Date(Date.now() + 20 * 86_400_000).toISOString();
    await publisher.publish('license-events', {
      type: 'license.expiring',
      subject: licenseId,
      data: {
        licenseId,
        tenantId: 'contoso',
        configurationId: 'contoso-plant-analytics',
        expiresAt,
        graceDays: 14,
        status: 'expiring',
        contacts: ['it@contoso.example'],
        milestone: 30,
        idempotencyKey: `license.expiring:${licenseId}:${expiresAt}:30`,
      },
    });
    const alert = await poll('the alert of the long deployment id', async () => {
      const list = (await (
        await call('olivia@contoso.example', 'GET', `tenants/contoso/alerts?deploymentId=${deploymentId}`)
      ).json()) as { items: { id: string; deploymentId: string; state: string }[] };
      return list.items.find((a) => a.deploymentId === deploymentId);
    });
    expect(alert.id.length).toBeLessThanOrEqual(128);
    const acked = await call(
      'olivia@contoso.example',
      'POST',
      `tenants/contoso/alerts/${encodeURIComponent(alert.id)}/acknowledge`,
      { comment: 'renewal under way' },
    );
    expect(acked.status).toBe(200);
    expect(await acked.json()).toMatchObject({ id: alert.id, deploymentId, state: 'acknowledged' });
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

    // An edit keeps the window's id and creation; a stale If-Match, a bad body or another tenant change nothing.
    const original = (await created.json()) as { id: string; createdAt: string };
    const path = `tenants/fabrikam/maintenance-windows/${original.id}`;
    const edit = {
      deploymentIds: ['fabrikam-prod'],
      schedule: {
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 7200_000).toISOString(),
      },
      reason: 'database upgrade, extended',
    };
    const edited = await call(fabHeaders, 'PUT', path, edit);
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({
      id: original.id,
      createdBy: fabHeaders,
      createdAt: original.createdAt,
      updatedBy: fabHeaders,
      reason: 'database upgrade, extended',
    });
    const errorOf = async (res: Response) =>
      [res.status, ((await res.json()) as { error: { code: string } }).error.code] as const;
    const stale = await call(fabHeaders, 'PUT', path, { ...edit, reason: 'lost' }, { 'if-match': '"stale"' });
    expect(await errorOf(stale)).toEqual([412, 'CONCURRENCY.CONFLICT']);
    const invalid = await call(fabHeaders, 'PUT', path, {
      schedule: { recurrence: { cron: '99 * * * *', durationMinutes: 10 } },
      reason: 'bad cron',
    });
    expect(invalid.status).toBe(400);
    await invalid.body?.cancel();
    const foreign = await call('olivia@contoso.example', 'PUT', path, { ...edit, reason: 'not mine' });
    expect(foreign.status).toBe(403);
    await foreign.body?.cancel();
    const missing = await call(fabHeaders, 'PUT', 'tenants/fabrikam/maintenance-windows/none', edit);
    expect(await errorOf(missing)).toEqual([404, 'MAINTENANCE_WINDOW.NOT_FOUND']);
    const listed = (await (await call(fabHeaders, 'GET', 'tenants/fabrikam/maintenance-windows')).json()) as {
      items: { id: string; reason: string }[];
    };
    expect(listed.items.filter((w) => w.id === original.id).map((w) => w.reason)).toEqual([
      'database upgrade, extended',
    ]);
    const audit = (await (await call(fabHeaders, 'GET', 'tenants/fabrikam/audit?limit=100')).json()) as {
      items: { action: string; target: string }[];
    };
    expect(audit.items.filter((e) => e.target === original.id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['maintenance-window.created', 'maintenance-window.updated']),
    );

    await send('fabrikam-prod');
    await new Promise((r) => setTimeout(r, 10_500));
    await sweep();
    const d = await getDeployment('fabrikam', 'fabrikam-prod');
    expect(d.status).toBe('paused');
    expect(d.openAlerts).toEqual({});
  });
});

import { type HeartbeatInput, heartbeatSchema } from '@kpi/shared/contracts/monitoring-heartbeat';
import type { DeploymentCaller } from '@kpi/shared/platform/auth/caller';
import { describe, expect, it } from 'vitest';
import { issueCommand, recordCommandResult } from '../commands/remote-commands';
import { invalidateTenantRules } from '../rules/tenant-rules';
import { memoryDependencies } from '../support/memory-stores';
import { recordHeartbeat } from './record-heartbeat';

const caller: DeploymentCaller = { kind: 'deployment', deploymentId: 'd1', tenantId: 'contoso' };
const t0 = new Date('2026-11-26T10:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
let n = 0;
const hb = (over: Partial<HeartbeatInput> = {}) =>
  heartbeatSchema.parse({
    id: `hb-${++n}`,
    deploymentId: 'd1',
    appVersion: '1.0.0',
    uptimeSeconds: 10,
    sentAt: t0.toISOString(),
    process: { cpuPercent: 1, memoryRssMb: 100, heapUsedMb: 50, eventLoopLagMs: 1 },
    requests: { count: 100, errors: 0, p50Ms: 10, p95Ms: 50 },
    ...over,
  });

function setup() {
  invalidateTenantRules('contoso');
  const m = memoryDependencies();
  const deployment = () =>
    [...m.stores.deployments.items.values()].map((e) => e.item).find((d) => d.id === 'd1');
  return { ...m, deployment };
}

describe('recordHeartbeat', () => {
  it('stores the heartbeat, creates the deployment as up and answers with the period', async () => {
    const { deps, stores, deployment } = setup();
    const res = await recordHeartbeat(deps, caller, hb(), at(0));
    expect(res).toEqual({
      duplicate: false,
      serverTime: at(0).toISOString(),
      periodSeconds: 60,
      commands: [],
    });
    expect(stores.heartbeats.items.size).toBe(1);
    expect(deployment()).toMatchObject({ status: 'up', dueAt: at(60).toISOString(), tenantId: 'contoso' });
  });

  it('a retried heartbeat is stored once and changes nothing', async () => {
    const { deps, stores, deployment } = setup();
    const body = hb();
    await recordHeartbeat(deps, caller, body, at(0));
    const before = deployment();
    const again = await recordHeartbeat(deps, caller, body, at(5));
    expect(again.duplicate).toBe(true);
    expect(stores.heartbeats.items.size).toBe(1);
    expect(deployment()).toEqual(before);
  });

  it('a replay after newer heartbeats changes nothing: no sample, no errors counted again, latest kept', async () => {
    const { deps, stores, deployment } = setup();
    const early = hb({
      sentAt: at(0).toISOString(),
      requests: { count: 100, errors: 7, p50Ms: 1, p95Ms: 1 },
    });
    await recordHeartbeat(deps, caller, early, at(0));
    const late = hb({ sentAt: at(60).toISOString() });
    await recordHeartbeat(deps, caller, late, at(60));
    const before = deployment();
    const again = await recordHeartbeat(deps, caller, early, at(90));
    expect(again.duplicate).toBe(true);
    expect(deployment()).toEqual(before);
    expect(deployment()?.recentRequests).toHaveLength(2);
    expect(deployment()?.recentRequests.reduce((a, s) => a + s.errors, 0)).toBe(7);
    expect(deployment()?.lastHeartbeat?.id).toBe(late.id);
    expect(stores.heartbeats.items.size).toBe(2);
  });

  it('an older heartbeat arriving after a newer one counts its requests but leaves the latest heartbeat', async () => {
    const { deps, stores, deployment } = setup();
    const newer = hb({ sentAt: at(60).toISOString(), appVersion: '1.1.0' });
    const older = hb({ sentAt: at(0).toISOString(), requests: { count: 50, errors: 5, p50Ms: 1, p95Ms: 1 } });
    await recordHeartbeat(deps, caller, newer, at(61));
    const res = await recordHeartbeat(deps, caller, older, at(62));
    expect(res.duplicate).toBe(false);
    expect(deployment()?.lastHeartbeat).toMatchObject({ id: newer.id, appVersion: '1.1.0' });
    expect(deployment()?.lastHeartbeatAt).toBe(at(61).toISOString());
    expect(deployment()?.recentRequests.map((s) => s.heartbeatId)).toEqual([newer.id, older.id]);
    expect(stores.heartbeats.items.size).toBe(2);
    // Its own replay then changes nothing either.
    const before = deployment();
    await recordHeartbeat(deps, caller, older, at(63));
    expect(deployment()).toEqual(before);
  });

  it('a heartbeat stored before but never applied (the first request failed after the store) is applied on its replay', async () => {
    const { deps, stores, deployment } = setup();
    const body = hb();
    await stores.heartbeats.create({ ...body, tenantId: 'contoso', receivedAt: at(0).toISOString() });
    const res = await recordHeartbeat(deps, caller, body, at(5));
    expect(res.duplicate).toBe(true);
    expect(deployment()).toMatchObject({ status: 'up', lastHeartbeat: { id: body.id } });
    expect(deployment()?.recentRequests).toHaveLength(1);
  });

  it('concurrent heartbeats of one deployment are all counted once, none refused (lost races retried here)', async () => {
    const { deps, stores, deployment } = setup();
    const bodies = Array.from({ length: 24 }, (_, i) =>
      hb({ sentAt: at(i).toISOString(), requests: { count: 10, errors: 1, p50Ms: 1, p95Ms: 1 } }),
    );
    // Each replace yields once, so the 24 calls interleave and race on the deployment's etag.
    const replace = stores.deployments.replace.bind(stores.deployments);
    stores.deployments.replace = async (...args: Parameters<typeof replace>) => {
      await new Promise((r) => setTimeout(r, 0));
      return replace(...args);
    };
    const results = await Promise.allSettled(
      [...bodies, ...bodies.slice(0, 8)].map((b) => recordHeartbeat(deps, caller, b, at(30))),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(deployment()?.recentRequests).toHaveLength(24);
    expect(new Set(deployment()?.recentRequests.map((s) => s.heartbeatId)).size).toBe(24);
    expect(deployment()?.recentRequests.reduce((a, s) => a + s.errors, 0)).toBe(24);
    expect(deployment()?.lastHeartbeat?.id).toBe(bodies[23]?.id);
  });

  it('refuses a heartbeat for another deployment', async () => {
    const { deps } = setup();
    await expect(recordHeartbeat(deps, caller, hb({ deploymentId: 'd2' }), at(0))).rejects.toMatchObject({
      httpStatus: 403,
    });
  });

  it('opens one error-rate alert while errors stay high, resolves it when they drop, and publishes both', async () => {
    const { deps, stores, deployment } = setup();
    await recordHeartbeat(
      deps,
      caller,
      hb({ requests: { count: 100, errors: 30, p50Ms: 1, p95Ms: 1 } }),
      at(0),
    );
    await recordHeartbeat(
      deps,
      caller,
      hb({ requests: { count: 100, errors: 30, p50Ms: 1, p95Ms: 1 } }),
      at(60),
    );
    const open = deployment()?.openAlerts['error-rate'];
    expect(open).toBe('d1~error-rate~0');
    expect(stores.alerts.items.size).toBe(1);
    // Five clean minutes push the bad samples out of the 5-minute window.
    for (let i = 2; i <= 7; i++) await recordHeartbeat(deps, caller, hb(), at(60 * i));
    expect(deployment()?.openAlerts['error-rate']).toBeUndefined();
    const alert = [...stores.alerts.items.values()][0]?.item;
    expect(alert).toMatchObject({ state: 'resolved', resolvedBy: 'auto' });
    const kinds = stores.publisher.published.map((p) => (p.event.data as { kind: string }).kind);
    expect(kinds).toEqual(['opened', 'resolved']);
  });

  it('a store that cannot be reached answers 503 with Retry-After', async () => {
    const { deps, stores } = setup();
    stores.heartbeats.failWith = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8081'), {
      code: 'ECONNREFUSED',
    });
    await expect(recordHeartbeat(deps, caller, hb(), at(0))).rejects.toMatchObject({
      httpStatus: 503,
      code: 'SERVICE.UNAVAILABLE',
      headers: { 'retry-after': '15' },
    });
  });

  it('during a maintenance window the deployment is paused and its metrics open no alert', async () => {
    const { deps, stores, deployment } = setup();
    await stores.windows.create(
      { kind: 'deployment', deploymentId: 'x', tenantId: 'contoso' },
      {
        id: 'w1',
        deploymentIds: [],
        schedule: { startsAt: at(-60).toISOString(), endsAt: at(3600).toISOString() },
        reason: 'upgrade',
        createdBy: 'x',
        createdAt: t0.toISOString(),
      },
    );
    await recordHeartbeat(
      deps,
      caller,
      hb({ process: { cpuPercent: 1, memoryRssMb: 99_999, heapUsedMb: 1, eventLoopLagMs: 1 } }),
      at(0),
    );
    expect(deployment()).toMatchObject({ status: 'paused', dueAt: at(3600).toISOString(), openAlerts: {} });
  });

  it('hands out an issued command until it is answered; then heartbeats stop looking for commands', async () => {
    const { deps, deployment } = setup();
    await recordHeartbeat(deps, caller, hb(), at(0));
    expect(deployment()?.commandsPending).toBe(false);
    const sam = {
      kind: 'user' as const,
      subject: 's',
      email: 'sam@vendor.example',
      name: 'Sam',
      roles: ['support' as const],
      isPlatformStaff: true,
    };
    const cmd = await issueCommand(
      deps,
      sam,
      'contoso',
      'd1',
      { command: { kind: 'ping' }, reason: 'check', expiresInMinutes: 60 },
      at(1),
    );
    expect(deployment()?.commandsPending).toBe(true);
    const first = await recordHeartbeat(deps, caller, hb(), at(60));
    expect(first.commands.map((c) => c.id)).toEqual([cmd.id]);
    const again = await recordHeartbeat(deps, caller, hb(), at(120));
    expect(again.commands.map((c) => c.id)).toEqual([cmd.id]);
    await recordCommandResult(deps, caller, cmd.id, { ok: true, message: 'pong' }, at(130));
    const after = await recordHeartbeat(deps, caller, hb(), at(180));
    expect(after.commands).toEqual([]);
    expect(deployment()?.commandsPending).toBe(false);
  });
});

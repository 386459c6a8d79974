import { heartbeatSchema } from '@kpi/shared/contracts/monitoring-heartbeat';
import type { DeploymentCaller } from '@kpi/shared/platform/auth/caller';
import { describe, expect, it } from 'vitest';
import { recordHeartbeat } from '../heartbeats/record-heartbeat';
import { invalidateTenantRules } from '../rules/tenant-rules';
import { memoryDependencies } from '../support/memory-stores';
import { sweep } from './sweep';

const t0 = new Date('2026-11-26T10:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
let n = 0;
const beat = (deploymentId: string) =>
  heartbeatSchema.parse({
    id: `hb-${++n}`,
    deploymentId,
    appVersion: '1.0.0',
    uptimeSeconds: 1,
    sentAt: t0.toISOString(),
    process: { cpuPercent: 1, memoryRssMb: 1, heapUsedMb: 1, eventLoopLagMs: 1 },
    requests: { count: 0, errors: 0, p50Ms: 0, p95Ms: 0 },
  });
const caller = (deploymentId: string): DeploymentCaller => ({
  kind: 'deployment',
  deploymentId,
  tenantId: 'contoso',
});

function setup() {
  invalidateTenantRules('contoso');
  const m = memoryDependencies();
  const get = (id: string) => [...m.stores.deployments.items.values()].find((e) => e.item.id === id)?.item;
  const kinds = () =>
    m.stores.publisher.published.map((p) => p.event.data as { kind: string; alertIds: string[] });
  return { ...m, get, kinds };
}

describe('sweep', () => {
  it('moves silent deployments to late then down, opens one alert, and groups the notices per tenant', async () => {
    const { deps, get, kinds } = setup();
    await recordHeartbeat(deps, caller('a'), beat('a'), at(0));
    await recordHeartbeat(deps, caller('b'), beat('b'), at(0));
    await recordHeartbeat(deps, caller('c'), beat('c'), at(200));
    expect(await sweep(deps, at(59))).toMatchObject({ changed: 0 });
    expect(await sweep(deps, at(60))).toMatchObject({ changed: 2, notifications: 0 });
    expect(get('a')?.status).toBe('late');
    const down = await sweep(deps, at(240));
    expect(down).toMatchObject({ changed: 2, notifications: 1 });
    expect(get('a')).toMatchObject({
      status: 'down',
      openAlerts: { 'heartbeat-missing': 'a~heartbeat-missing~0' },
    });
    expect(get('c')?.status).toBe('up');
    expect(kinds()).toEqual([
      expect.objectContaining({
        kind: 'opened',
        alertIds: ['a~heartbeat-missing~0', 'b~heartbeat-missing~0'],
      }),
    ]);
    // Idempotent: nothing more happens at the same time, and no second alert later.
    expect(await sweep(deps, at(240))).toMatchObject({ changed: 0, notifications: 0 });
    expect(await sweep(deps, at(900))).toMatchObject({ changed: 1 }); // only c goes down now
    expect(get('a')?.openAlerts['heartbeat-missing']).toBe('a~heartbeat-missing~0');
  });

  it('reminds about an alert left open, once per reminder interval; acknowledged alerts are not reminded', async () => {
    const { deps, stores, kinds } = setup();
    await recordHeartbeat(deps, caller('a'), beat('a'), at(0));
    await sweep(deps, at(240));
    const minutes = (m: number) => at(240 + m * 60);
    expect(await sweep(deps, minutes(239))).toMatchObject({ reminders: 0 });
    expect(await sweep(deps, minutes(240))).toMatchObject({ reminders: 1 });
    expect(await sweep(deps, minutes(241))).toMatchObject({ reminders: 0 });
    expect(kinds().map((k) => k.kind)).toEqual(['opened', 'reminder']);
    const entry = [...stores.alerts.items.values()][0];
    if (!entry) throw new Error('no alert');
    entry.item = { ...entry.item, state: 'acknowledged' };
    expect(await sweep(deps, minutes(480))).toMatchObject({ reminders: 0 });
  });
});

/**
 * The live fleet `npm start` seeds: eight deployments in two tenants with an hour of history, one down with
 * an open heartbeat-missing alert, seeded once; the healthy ones keep beating through the simulator.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../../functions/monitoring/monitoring-test-kit';
import { cosmosLocalKey } from '../cosmos/cosmos';
import { type Stack, startStack } from '../stack';
import { SEED_DOWN_DEPLOYMENT, type SeedFleetOptions, seedFleet, startSeedFleet } from './fleet';

let dataDir: string;
let stack: Stack;
let options: SeedFleetOptions;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-seed-fleet-'));
  stack = await startStack({ dataDir, ports: 'free' });
  options = {
    api: stack.urls.api,
    host: stack.urls.host,
    cosmos: { endpoint: stack.urls.cosmos, key: cosmosLocalKey, database: 'kpi' },
    adminToken: () => stack.token('ada@vendor.example'),
    cacheFile: join(dataDir, 'simulate', 'seed-fleet.json'),
    log: () => {},
  };
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function get<T>(path: string, as = 'ada@vendor.example'): Promise<T> {
  const res = await fetch(`${stack.urls.api}/monitoring/${path}`, {
    headers: { authorization: `Bearer ${await stack.token(as)}` },
  });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

type Deployments = { items: { id: string; status: string; openAlerts: Record<string, string> }[] };

describe('seeded fleet', () => {
  it('seeds deployments with history and one down with an open alert, once', {
    timeout: 90_000,
  }, async () => {
    const fleet = await seedFleet(options);
    expect(fleet).toHaveLength(8);
    const contoso = await get<Deployments>('tenants/contoso/deployments', 'olivia@contoso.example');
    const fabrikam = await get<Deployments>('tenants/fabrikam/deployments', 'alex@fabrikam.example');
    expect(contoso.items).toHaveLength(5);
    expect(fabrikam.items).toHaveLength(3);
    const status = Object.fromEntries([...contoso.items, ...fabrikam.items].map((d) => [d.id, d.status]));
    expect(status[SEED_DOWN_DEPLOYMENT]).toBe('down');
    expect(Object.entries(status).filter(([, s]) => s === 'up')).toHaveLength(7);
    const down = contoso.items.find((d) => d.id === SEED_DOWN_DEPLOYMENT);
    expect(down?.openAlerts['heartbeat-missing']).toBeTruthy();

    const history = await get<{ items: { receivedAt: string }[]; continuationToken?: string }>(
      'tenants/fabrikam/deployments/fabrikam-prod/heartbeats?limit=100',
    );
    expect(history.items.length).toBe(61);
    const oldest = Date.parse(history.items.at(-1)?.receivedAt ?? '');
    expect(Date.now() - oldest).toBeGreaterThan(55 * 60_000);

    // The alert is e-mailed to the seeded contacts: vendor support and contoso's operations contact.
    const mailed = await poll('the seeded alert e-mailed', async () => {
      const outbox = await get<{
        items: { kind: string; status: string; recipient?: string; subject: string }[];
      }>('notifications?limit=100');
      const sent = outbox.items.filter(
        (n) => n.kind === 'opened' && n.status === 'sent' && n.subject.includes(SEED_DOWN_DEPLOYMENT),
      );
      return sent.length >= 2 ? sent.map((n) => n.recipient).sort() : undefined;
    });
    expect(mailed).toEqual(['ops@contoso.example', 'support@vendor.example']);

    // A restart finds it seeded: same credentials, no second history.
    const again = await seedFleet({
      ...options,
      adminToken: () => Promise.reject(new Error('no licences again')),
    });
    expect(again).toEqual(fleet);
    const after = await get<{ items: unknown[] }>(
      'tenants/fabrikam/deployments/fabrikam-prod/heartbeats?limit=100',
    );
    expect(after.items.length).toBe(61);

    // Live: the healthy ones beat (here every second); the down one stays silent; stop() is clean.
    const live = startSeedFleet(fleet, stack.urls.api, 1_000);
    await new Promise((r) => setTimeout(r, 3_500));
    await live.stop();
    const beating = await get<{ items: unknown[] }>(
      'tenants/fabrikam/deployments/fabrikam-prod/heartbeats?limit=100',
    );
    expect(beating.items.length).toBeGreaterThanOrEqual(63);
    // Each live deployment validated its licence at start: the licence shows when.
    const licence = await (
      await fetch(`${stack.urls.api}/license/licenses/${fleet[0]?.licenseId}`, {
        headers: { authorization: `Bearer ${await stack.token('ada@vendor.example')}` },
      })
    ).json();
    expect(Date.now() - Date.parse((licence as { lastValidatedAt: string }).lastValidatedAt)).toBeLessThan(
      60_000,
    );
    const still = await get<Deployments>('tenants/contoso/deployments');
    expect(still.items.find((d) => d.id === SEED_DOWN_DEPLOYMENT)?.status).toBe('down');
  });
});

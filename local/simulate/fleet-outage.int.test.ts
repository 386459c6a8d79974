/**
 * A small fleet through the whole stack with the Cosmos stand-in stopped for 15 s in the middle: intake
 * answers 503 with Retry-After, the senders buffer and replay, and afterwards every heartbeat a sender saw
 * acknowledged is in Cosmos DB, none is left buffered or dropped, and no 5xx other than those 503s occurred.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeat } from '../../functions/monitoring/monitoring-test-kit';
import { cosmosLocalKey } from '../cosmos/cosmos';
import { type Stack, startStack } from '../stack';
import { Fleet } from './fleet';
import { fleetDeployments, type ProvisionedDeployment, provisionFleet } from './provision';
import { finalReport } from './report';
import { verifyStored } from './verify';

const DEPLOYMENTS = 50;
const PERIOD_MS = 3_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dataDir: string;
let stack: Stack;
let fleet: Fleet | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-fleet-outage-'));
  stack = await startStack({ dataDir, ports: 'free' });
}, 120_000);

afterAll(async () => {
  await fleet?.stop(0);
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('fleet through a Cosmos outage', () => {
  it('buffers during the outage, replays after it and loses no heartbeat', { timeout: 150_000 }, async () => {
    const cacheFile = join(dataDir, 'simulate', 'credentials.json');
    const deployments = fleetDeployments('it', ['contoso', 'fabrikam'], DEPLOYMENTS);
    const provisioned: ProvisionedDeployment[] = await provisionFleet({
      api: stack.urls.api,
      adminToken: () => stack.token('ada@vendor.example'),
      deployments,
      cacheFile,
    });
    expect(provisioned.map((p) => p.authorization)).toEqual(
      provisioned.map(() => expect.stringMatching(/^Deployment dc_/)),
    );
    // A re-run reuses the cached activations instead of activating again (which the licence would refuse).
    const again = await provisionFleet({
      api: stack.urls.api,
      adminToken: () => Promise.reject(new Error('must not issue licences again')),
      deployments,
      cacheFile,
    });
    expect(again).toEqual(provisioned);

    fleet = new Fleet({
      api: stack.urls.api,
      deployments: provisioned,
      periodMs: PERIOD_MS,
      scenario: 'healthy',
      concurrency: 16,
      backoff: { baseMs: 1_000, maxMs: 5_000 },
    });
    fleet.start();
    await sleep(8_000);
    const before = fleet.stats();
    expect(before.acked).toBeGreaterThan(DEPLOYMENTS);
    expect(before.fiveXx).toBe(0);

    await stack.parts.cosmos.stop();
    await sleep(2_000);
    // The intake itself, asked directly: 503 with Retry-After.
    const first = provisioned[0] as ProvisionedDeployment;
    const probe = await fetch(`${stack.urls.api}/monitoring/heartbeats`, {
      method: 'POST',
      headers: { authorization: first.authorization, 'content-type': 'application/json' },
      body: JSON.stringify(heartbeat(first.id)),
    });
    expect(probe.status).toBe(503);
    expect(Number(probe.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await probe.json()) as { error: { code: string } }).error.code).toBe('SERVICE.UNAVAILABLE');
    await sleep(11_000);
    const during = fleet.stats();
    await stack.parts.cosmos.start();

    expect(during.unavailableWithRetryAfter).toBeGreaterThan(0);
    expect(during.bufferedNow).toBeGreaterThan(0);

    await sleep(12_000);
    const left = await fleet.stop(40_000);
    const s = fleet.stats();
    const report = JSON.stringify(s);
    console.log(finalReport(s, left));
    expect(left, report).toBe(0);
    expect(s.dropped, report).toBe(0);
    expect(s.generated, report).toBe(s.acked);
    expect(s.buffered, report).toBeGreaterThan(0);
    expect(s.replayed, report).toBe(s.buffered);
    // The only 5xx are the outage's 503s, each with Retry-After. (A client-side timeout on a loaded machine
    // is not a 5xx: the sender retries it like any other failure, and the stored check below still holds.)
    const fiveXx = Object.entries(s.statuses).filter(([k]) => k.startsWith('5'));
    expect(
      fiveXx.map(([k]) => k),
      report,
    ).toEqual(['503']);
    expect(s.unavailableWithRetryAfter, report).toBe(s.statuses['503']);

    const loss = await verifyStored(
      { endpoint: stack.urls.cosmos, key: cosmosLocalKey, database: 'kpi' },
      fleet.ackedIds(),
    );
    expect(loss.checked).toBe(s.acked);
    expect(loss.missing, loss.missingIn.join(', ')).toBe(0);
    expect(loss.stored).toBe(s.acked);
  });
});

/**
 * A small live fleet for `npm start`, so the Monitor UI has something to show on a fresh start: eight
 * deployments of contoso and fabrikam, activated on licences issued through the licence service, each with
 * an hour of heartbeat history, one current heartbeat through the real intake, and one deployment
 * (`contoso-plant-austin`) that went silent ten minutes ago: the deployment sweep (run through the host's
 * admin API) finds it down and opens its heartbeat-missing alert, as the every-minute timer would; the
 * seeded monitoring contacts get its e-mail.
 * Seeds once (an existing deployment document means it was done); `startSeedFleet` then keeps the healthy
 * ones beating through the simulator while the stack runs.
 */
import { BulkOperationType, CosmosClient } from '@azure/cosmos';
import { type Heartbeat, heartbeatSchema } from '@kpi/shared/contracts/monitoring-heartbeat';
import { Fleet } from '../simulate/fleet';
import { type ProvisionedDeployment, provisionFleet, type SimDeployment } from '../simulate/provision';
import { seedMonitoringContacts } from './monitoring-contacts';

export const seedFleetDeployments: readonly SimDeployment[] = [
  { id: 'contoso-prod-eu', tenantId: 'contoso' },
  { id: 'contoso-prod-us', tenantId: 'contoso' },
  { id: 'contoso-staging', tenantId: 'contoso' },
  { id: 'contoso-plant-lyon', tenantId: 'contoso' },
  { id: 'contoso-plant-austin', tenantId: 'contoso' },
  { id: 'fabrikam-prod', tenantId: 'fabrikam' },
  { id: 'fabrikam-staging', tenantId: 'fabrikam' },
  { id: 'fabrikam-lab', tenantId: 'fabrikam' },
];

/** The deployment that is down (with an open alert) after seeding. */
export const SEED_DOWN_DEPLOYMENT = 'contoso-plant-austin';

export const HISTORY_MINUTES = 60;
const SILENT_MINUTES = 10;

export interface SeedFleetOptions {
  /** Functions API base. */
  api: string;
  /** Functions host base (admin API). */
  host: string;
  cosmos: { endpoint: string; key: string; database: string };
  adminToken: () => Promise<string>;
  /** Credential cache (e.g. `.data/simulate/seed-fleet.json`). */
  cacheFile: string;
  log: (line: string) => void;
}

/** When a seeded deployment started: a day before its history begins (its first history beat says 1 day up). */
export const seededStart = (now: Date) => new Date(now.getTime() - (86_400 + HISTORY_MINUTES * 60) * 1000);

/** A plausible heartbeat of deployment `index` at minute `minute` of its history. */
export function historyHeartbeat(d: SimDeployment, index: number, at: Date, minute: number): Heartbeat {
  const wave = Math.sin((minute + index * 7) / 9);
  // fabrikam-staging had an error spike half an hour ago; it recovered.
  const spike = d.id === 'fabrikam-staging' && minute >= 25 && minute < 30;
  const count = Math.round(90 + 40 * wave + index * 5);
  return heartbeatSchema.parse({
    id: `seed-${d.id}-${at.getTime()}`,
    deploymentId: d.id,
    appVersion: d.id.includes('staging') ? '1.5.0-rc.1' : '1.4.2',
    catalogVersion: '2026.11.1',
    uptimeSeconds: 86_400 + minute * 60,
    sentAt: at.toISOString(),
    process: {
      cpuPercent: Math.round((14 + 8 * wave + index) * 10) / 10,
      memoryRssMb: Math.round(220 + index * 25 + minute * (d.id === 'contoso-plant-lyon' ? 4 : 0.3)),
      heapUsedMb: Math.round(130 + index * 12),
      eventLoopLagMs: Math.round((2 + Math.abs(wave) * 3) * 10) / 10,
    },
    requests: {
      count,
      errors: spike ? Math.round(count * 0.3) : minute % 17 === 0 ? 1 : 0,
      p50Ms: Math.round(30 + 10 * wave + index * 3),
      p95Ms: Math.round(110 + 40 * wave + index * 10 + (spike ? 900 : 0)),
    },
    kpiCalculationMs: Math.round(40 + 15 * wave),
    dataFreshnessSeconds: 240 + (minute % 15) * 60,
    recentErrors: spike
      ? [
          {
            key: 'SOURCE.TIMEOUT',
            message: 'data source did not answer in 30 s',
            count: 12,
            lastAt: at.toISOString(),
          },
        ]
      : [],
  });
}

/** Seeds the fleet once; returns the deployments with their credentials (cached across restarts). */
export async function seedFleet(o: SeedFleetOptions): Promise<ProvisionedDeployment[]> {
  const fleet = await provisionFleet({
    api: o.api,
    adminToken: o.adminToken,
    deployments: seedFleetDeployments,
    cacheFile: o.cacheFile,
  });
  const client = new CosmosClient({
    endpoint: o.cosmos.endpoint,
    key: o.cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    const db = client.database(o.cosmos.database);
    const deployments = db.container('deployments');
    const { resource: seeded } = await deployments.item(SEED_DOWN_DEPLOYMENT, 'contoso').read();
    if (seeded) return fleet;

    // Recipients first: the alert the sweep opens below is then e-mailed, as it would be in Azure.
    await seedMonitoringContacts(o.api, o.adminToken);
    const now = Date.now();
    const heartbeats = db.container('heartbeats');
    await Promise.all(
      fleet.map(async (d, index) => {
        const silent = d.id === SEED_DOWN_DEPLOYMENT ? SILENT_MINUTES : 0;
        const operations = Array.from({ length: HISTORY_MINUTES - silent }, (_, minute) => {
          const at = new Date(now - (HISTORY_MINUTES - minute) * 60_000);
          const hb = historyHeartbeat(d, index, at, minute);
          return {
            operationType: BulkOperationType.Upsert,
            resourceBody: { ...hb, tenantId: d.tenantId, receivedAt: at.toISOString() },
          };
        });
        const results = await heartbeats.items.bulk(operations);
        const failed = results.find((r) => r.statusCode >= 300);
        if (failed) throw new Error(`SEED.FLEET_HISTORY: ${d.id}: ${failed.statusCode}`);
        // The current state through the real intake: status, metrics, rules.
        const res = await fetch(`${o.api}/monitoring/heartbeats`, {
          method: 'POST',
          headers: { authorization: d.authorization, 'content-type': 'application/json' },
          body: JSON.stringify(historyHeartbeat(d, index, new Date(now - silent * 60_000), HISTORY_MINUTES)),
        });
        if (!res.ok) throw new Error(`SEED.FLEET_HEARTBEAT: ${d.id}: ${res.status} ${await res.text()}`);
      }),
    );
    // The silent one: its last heartbeat was received ten minutes ago (the intake stamps receipt with the
    // server's clock, so move its clock back), then the sweep finds it down and opens the alert.
    const { resource: doc, etag } = await deployments.item(SEED_DOWN_DEPLOYMENT, 'contoso').read();
    if (!doc || !etag) throw new Error(`SEED.FLEET_DEPLOYMENT: ${SEED_DOWN_DEPLOYMENT} was not created`);
    const lastAt = new Date(now - SILENT_MINUTES * 60_000).toISOString();
    const period = Number(doc.periodSeconds ?? 60) * 1000;
    await deployments.item(SEED_DOWN_DEPLOYMENT, 'contoso').replace(
      {
        ...doc,
        lastHeartbeatAt: lastAt,
        statusSince: lastAt,
        dueAt: new Date(Date.parse(lastAt) + period).toISOString(),
        lastHeartbeat: { ...doc.lastHeartbeat, receivedAt: lastAt },
      },
      { accessCondition: { type: 'IfMatch', condition: etag } },
    );
    const sweep = await fetch(`${o.host}/admin/functions/deployments-sweep?wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (!sweep.ok) throw new Error(`SEED.FLEET_SWEEP: ${sweep.status} ${await sweep.text()}`);
    o.log(
      `seed: fleet of ${fleet.length} deployments with ${HISTORY_MINUTES} min of history; ${SEED_DOWN_DEPLOYMENT} is down`,
    );
    return fleet;
  } finally {
    client.dispose();
  }
}

/**
 * Keeps the seeded fleet (all but the silent one) beating every `periodMs` until `stop()`; each validates
 * its licence at start and then daily, as a client app does, so the Monitor shows a last validation.
 */
export function startSeedFleet(fleet: readonly ProvisionedDeployment[], api: string, periodMs = 60_000) {
  const live = new Fleet({
    api,
    deployments: fleet.filter((d) => d.id !== SEED_DOWN_DEPLOYMENT),
    periodMs,
    scenario: 'healthy',
    concurrency: 4,
    validateLicenses: true,
    // The seeded history says these deployments have been up for a day and an hour (`historyHeartbeat`); the
    // live beats carry on from there instead of claiming a restart at every `npm start`.
    startedAt: seededStart(new Date()),
  });
  live.start();
  return { stop: async () => void (await live.stop(2_000)) };
}

/**
 * The monitoring sweep finds due deployments with one query on `dueAt`, so its cost should follow the
 * deployments that are due, not the fleet (issue 6). This runs the sweep use case against the Cosmos
 * stand-in over 1,000 and 10,000 deployments, 100 of them due in each, and prints both times and the time
 * of the due-time query alone. Target: nearly the same time for both fleets.
 *
 * Caveat printed with the figure: the stand-in has no index, so its query scans every item; real Cosmos DB
 * serves `dueAt <= @now ORDER BY dueAt` from the range index.
 */
import { alertSchema } from '@kpi/shared/contracts/monitoring-alert';
import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import { deploymentSchema } from '@kpi/shared/contracts/monitoring-deployment';
import {
  maintenanceWindowSchema,
  monitoringSettingsSchema,
  silenceSchema,
} from '@kpi/shared/contracts/monitoring-rules';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { MemoryEventPublisher } from '@kpi/shared/platform/servicebus/memory-ports';
import type { AppDeps } from '../functions/monitoring/dependencies';
import { sweep } from '../functions/monitoring/status/sweep';
import { withBenchCosmos } from './lib/cosmos';

const DUE = 100;
const REPEATS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function deployment(i: number, due: boolean, now: number): Deployment {
  const last = new Date(now - (due ? 120_000 : 10_000)).toISOString();
  return {
    id: `dep-${i}`,
    tenantId: `tenant-${i % 20}`,
    status: 'up',
    statusSince: last,
    periodSeconds: 60,
    graceSeconds: 180,
    lastHeartbeatAt: last,
    dueAt: new Date(Date.parse(last) + 60_000).toISOString(),
    recentRequests: [],
    recentTransitions: [],
    flapping: false,
    openAlerts: {},
    alertSeq: 0,
    commandsPending: false,
    createdAt: last,
    updatedAt: last,
  };
}

async function measure(fleet: number): Promise<{ sweepMs: number; queryMs: number; due: number }> {
  return withBenchCosmos('sweep', async (container) => {
    const now = Date.now();
    const dueIds = new Set(Array.from({ length: DUE }, (_, k) => Math.floor((k * fleet) / DUE)));
    const items = Array.from({ length: fleet }, (_, i) => deployment(i, dueIds.has(i), now));
    for (let i = 0; i < items.length; i += 100) {
      await Promise.all(items.slice(i, i + 100).map((d) => container('deployments').items.create(d)));
    }
    const deps = {
      deployments: new TenantRepository({
        container: container('deployments'),
        schema: deploymentSchema,
        entity: 'D',
      }),
      allDeployments: new GlobalRepository({
        container: container('deployments'),
        schema: deploymentSchema,
        entity: 'D',
        partitionKeyPath: '/tenantId',
      }),
      alerts: new TenantRepository({ container: container('alerts'), schema: alertSchema, entity: 'A' }),
      allAlerts: new GlobalRepository({
        container: container('alerts'),
        schema: alertSchema,
        entity: 'A',
        partitionKeyPath: '/tenantId',
      }),
      settings: new TenantRepository({
        container: container('monitoring-settings'),
        schema: monitoringSettingsSchema,
        entity: 'S',
      }),
      windows: new TenantRepository({
        container: container('maintenance-windows'),
        schema: maintenanceWindowSchema,
        entity: 'W',
      }),
      silences: new TenantRepository({
        container: container('silences'),
        schema: silenceSchema,
        entity: 'X',
      }),
      publisher: new MemoryEventPublisher(),
    } as unknown as AppDeps;

    const queryTimes: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const t = performance.now();
      let token: string | undefined;
      let found = 0;
      do {
        const page = await (deps.allDeployments as GlobalRepository<Deployment>).query(
          {
            where: 'c.dueAt <= @now',
            parameters: [{ name: '@now', value: new Date(now).toISOString() }],
            orderBy: 'c.dueAt',
          },
          { maxItemCount: 100, ...(token ? { continuationToken: token } : {}) },
        );
        found += page.items.length;
        token = page.continuationToken;
      } while (token);
      queryTimes.push(performance.now() - t);
      if (found !== DUE) throw new Error(`expected ${DUE} due, found ${found}`);
    }
    const t = performance.now();
    const result = await sweep(deps, new Date(now));
    const sweepMs = performance.now() - t;
    if (result.changed !== DUE) throw new Error(`sweep changed ${result.changed}, expected ${DUE}`);
    return { sweepMs, queryMs: median(queryTimes), due: result.due };
  });
}

async function main(): Promise<void> {
  const small = await measure(1_000);
  console.log(
    `1,000 deployments, ${small.due} due: sweep ${small.sweepMs.toFixed(0)} ms, due query ${small.queryMs.toFixed(0)} ms`,
  );
  const large = await measure(10_000);
  console.log(
    `10,000 deployments, ${large.due} due: sweep ${large.sweepMs.toFixed(0)} ms, due query ${large.queryMs.toFixed(0)} ms`,
  );
  console.log(
    `\nsweep 10,000 / 1,000: ${(large.sweepMs / small.sweepMs).toFixed(2)} (target: close to 1); ` +
      `due query alone: ${(large.queryMs / small.queryMs).toFixed(2)}\n` +
      'The Cosmos stand-in scans every item for a query (no index); Cosmos DB answers it from the range index on dueAt.',
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * The vendor's fleet counts (`GET monitoring/fleet-summary`) at 5,000 deployments in 40 tenants against the
 * Cosmos stand-in: the summary as shipped (two fields of every deployment, 1,000 a page) beside the way it
 * was first written (whole deployments, schema-checked, 100 a page) in the same run. The counts of both
 * must agree. The stand-in has no GROUP BY and evaluates the whole query again for each page, so the page
 * count dominates; real Cosmos DB would serve a GROUP BY.
 *
 * `npm run bench -- fleet-summary [deployments]`
 */
import { type Deployment, deploymentSchema } from '@kpi/shared/contracts/monitoring-deployment';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import type { AppDeps } from '../functions/monitoring/dependencies';
import { fleetSummary, type StatusCounts } from '../functions/monitoring/deployments/fleet-summary';
import { withBenchCosmos } from './lib/cosmos';

const FLEET = Number(process.argv[2] ?? 5000);
const REPEATS = 5;
const STATUSES = ['up', 'up', 'up', 'late', 'down', 'new', 'paused'] as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A deployment as the intake keeps it after a while: 20 request samples, a few transitions. */
function deployment(i: number, now: number): Deployment {
  const at = (k: number) => new Date(now - k * 60_000).toISOString();
  return {
    id: `dep-${i}`,
    tenantId: `tenant-${i % 40}`,
    name: `Deployment ${i}`,
    status: STATUSES[i % STATUSES.length] as Deployment['status'],
    statusSince: at(30),
    periodSeconds: 60,
    graceSeconds: 180,
    lastHeartbeatAt: at(1),
    dueAt: at(-1),
    recentRequests: Array.from({ length: 20 }, (_, k) => ({
      at: at(20 - k),
      count: 1200 + k,
      errors: k % 3,
    })),
    recentTransitions: [at(300), at(200), at(100)],
    flapping: false,
    openAlerts: {},
    alertSeq: 3,
    commandsPending: false,
    createdAt: at(10_000),
    updatedAt: at(1),
  } as Deployment;
}

/** The summary as first written: every whole deployment through the schema, 100 a page. */
async function wholeItemSummary(repo: GlobalRepository<Deployment>): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  let token: string | undefined;
  do {
    const page = await repo.query(
      { orderBy: 'c.tenantId' },
      { maxItemCount: 100, ...(token ? { continuationToken: token } : {}) },
    );
    for (const d of page.items) totals.set(d.tenantId, (totals.get(d.tenantId) ?? 0) + 1);
    token = page.continuationToken;
  } while (token);
  return totals;
}

async function main(): Promise<void> {
  await withBenchCosmos('fleet-summary', async (db) => {
    const container = db('deployments');
    const now = Date.now();
    for (let i = 0; i < FLEET; i += 100)
      await Promise.all(
        Array.from({ length: Math.min(100, FLEET - i) }, (_, k) =>
          container.items.create(deployment(i + k, now)),
        ),
      );
    const allDeployments = new GlobalRepository({
      container,
      schema: deploymentSchema,
      entity: 'DEPLOYMENT',
      partitionKeyPath: '/tenantId',
    });
    const deps = { allDeployments } as unknown as AppDeps;

    const shipped: number[] = [];
    const baseline: number[] = [];
    let counts: ({ tenantId: string } & StatusCounts)[] = [];
    let totals = new Map<string, number>();
    // Alternating runs, so drift on a shared machine hits both alike.
    for (let r = 0; r < REPEATS; r++) {
      let t = performance.now();
      const s = await fleetSummary(deps);
      shipped.push(performance.now() - t);
      if (!s.complete) throw new Error('the summary stopped at its page cap');
      counts = s.tenants;
      t = performance.now();
      totals = await wholeItemSummary(allDeployments);
      baseline.push(performance.now() - t);
    }
    const sum = counts.reduce((n, c) => n + c.total, 0);
    if (sum !== FLEET) throw new Error(`counted ${sum} deployments, expected ${FLEET}`);
    for (const c of counts)
      if (totals.get(c.tenantId) !== c.total) throw new Error(`tenant ${c.tenantId}: counts disagree`);
    const a = median(shipped);
    const b = median(baseline);
    console.log(`fleet-summary over ${FLEET} deployments in ${counts.length} tenants (median of ${REPEATS})`);
    console.log(`  shipped  (2 fields, 1,000 a page):        ${a.toFixed(0)} ms`);
    console.log(`  baseline (whole items, parsed, 100 a page): ${b.toFixed(0)} ms`);
    console.log(`  ratio baseline / shipped: ${(b / a).toFixed(1)}×`);
  });
}

void main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

/**
 * Fleet load: N simulated deployments (default 5,000) at a 60 s period for M minutes (default 5) through
 * the local Functions host into the Cosmos stand-in, on a stack of its own. Then: was every heartbeat the
 * senders saw acknowledged stored in Cosmos DB (no loss), and was there no 5xx? With `--outage S` the
 * Cosmos stand-in is stopped for S seconds in the middle: intake must answer 503 with Retry-After, the
 * senders buffer and replay, and still nothing is missing afterwards.
 *
 * Baseline in the same run: intake latency of one deployment posting alone on the idle stack, beside the
 * latency under the fleet's load; and the heartbeat rate the fleet needs (N / period) beside the rate served.
 *
 *   npm run bench -- fleet-load [-- --deployments 500 --minutes 1 --period 60 --outage 30 --scenario healthy]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LatencyHistogram } from '@kpi/shared/telemetry/latency-histogram';
import { heartbeat } from '../functions/monitoring/monitoring-test-kit';
import { cosmosLocalKey } from '../local/cosmos/cosmos';
import { Fleet } from '../local/simulate/fleet';
import { fleetDeployments, provisionFleet } from '../local/simulate/provision';
import { finalReport, summaryLine } from '../local/simulate/report';
import type { ScenarioName } from '../local/simulate/scenario';
import { verifyCounted, verifyStored } from '../local/simulate/verify';
import { startStack } from '../local/stack';

interface Options {
  deployments: number;
  minutes: number;
  periodSeconds: number;
  outageSeconds: number;
  scenario: ScenarioName;
}

function options(argv: readonly string[]): Options {
  const o: Options = {
    deployments: 5000,
    minutes: 5,
    periodSeconds: 60,
    outageSeconds: 0,
    scenario: 'mixed',
  };
  const args = argv.filter((a) => a !== '--');
  const numeric: Record<string, { key: keyof Omit<Options, 'scenario'>; ok: (n: number) => boolean }> = {
    '--deployments': { key: 'deployments', ok: (n) => Number.isInteger(n) && n > 0 && n <= 20_000 },
    '--minutes': { key: 'minutes', ok: (n) => n > 0 && n <= 120 },
    '--period': { key: 'periodSeconds', ok: (n) => n >= 1 && n <= 600 },
    '--outage': { key: 'outageSeconds', ok: (n) => n >= 0 && n <= 600 },
  };
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i] as string;
    const value = args[i + 1] ?? '';
    const spec = numeric[name];
    if (spec) {
      if (!spec.ok(Number(value))) throw new Error(`bad value for ${name}: ${value}`);
      o[spec.key] = Number(value);
    } else if (name === '--scenario' && (value === 'mixed' || value === 'healthy')) {
      o.scenario = value;
    } else {
      throw new Error(
        `bad option ${name} ${value} (--deployments --minutes --period --outage --scenario mixed|healthy)`,
      );
    }
  }
  return o;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Sequential heartbeats of one deployment on the idle stack: the latency baseline. */
async function idleLatency(api: string, auth: string, id: string, count: number) {
  const h = new LatencyHistogram();
  for (let i = 0; i < count; i++) {
    const began = performance.now();
    const res = await fetch(`${api}/monitoring/heartbeats`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(heartbeat(id)),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`baseline heartbeat answered ${res.status}`);
    h.record(performance.now() - began);
  }
  return { p50: h.quantile(0.5), p99: h.quantile(0.99) };
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  console.log(
    `fleet-load: ${o.deployments} deployments, period ${o.periodSeconds} s, ${o.minutes} min, scenario ${o.scenario}` +
      `${o.outageSeconds ? `, Cosmos stopped for ${o.outageSeconds} s in the middle` : ''}; load average ${load()}`,
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'kpi-bench-fleet-'));
  // Server-side failures are shown (the first 10), so a 5xx comes with its cause.
  let shown = 0;
  const stack = await startStack({
    dataDir,
    ports: 'free',
    log: (line) => {
      if (/request failed|unhandled error/.test(line) && shown++ < 10)
        console.log(`stack: ${line.slice(0, 4000)}`);
    },
  });
  try {
    let began = performance.now();
    const provisioned = await provisionFleet({
      api: stack.urls.api,
      adminToken: () => stack.token('ada@vendor.example'),
      deployments: fleetDeployments('load', ['contoso', 'fabrikam', 'tenant-3', 'tenant-4'], o.deployments),
      parallel: 16,
    });
    const provisionS = (performance.now() - began) / 1000;
    console.log(`activated ${provisioned.length} deployments in ${provisionS.toFixed(1)} s`);

    const probe = provisioned[0] as (typeof provisioned)[number];
    await idleLatency(stack.urls.api, probe.authorization, probe.id, 20); // warm-up
    const idle = await idleLatency(stack.urls.api, probe.authorization, probe.id, 200);
    console.log(`baseline (one deployment, idle stack): p50 ${idle.p50} ms, p99 ${idle.p99} ms`);

    const periodMs = o.periodSeconds * 1000;
    const fleet = new Fleet({
      api: stack.urls.api,
      deployments: provisioned,
      periodMs,
      scenario: o.scenario,
      concurrency: 64,
    });
    const runMs = o.minutes * 60_000;
    const ticker = setInterval(() => console.log(`${summaryLine(fleet.stats())}; load ${load()}`), 10_000);
    began = performance.now();
    fleet.start();
    let outage: { buffered: number; unavailable: number } | undefined;
    if (o.outageSeconds > 0) {
      await sleep(Math.max(0, runMs / 2 - (o.outageSeconds * 1000) / 2));
      console.log(`stopping the Cosmos stand-in for ${o.outageSeconds} s`);
      await stack.parts.cosmos.stop();
      await sleep(o.outageSeconds * 1000);
      const s = fleet.stats();
      outage = { buffered: s.bufferedNow, unavailable: s.unavailableWithRetryAfter };
      await stack.parts.cosmos.start();
      console.log(`Cosmos stand-in back; ${s.bufferedNow} heartbeats buffered by the senders`);
    }
    await sleep(Math.max(0, runMs - (performance.now() - began)));
    clearInterval(ticker);
    const left = await fleet.stop(180_000);
    const s = fleet.stats();
    const loss = await verifyStored(
      { endpoint: stack.urls.cosmos, key: cosmosLocalKey, database: 'kpi' },
      fleet.ackedIds(),
    );
    const counts = await verifyCounted(
      { endpoint: stack.urls.cosmos, key: cosmosLocalKey, database: 'kpi' },
      // Without the probe: its baseline heartbeats were not sent by the fleet.
      new Set([...fleet.ackedIds().keys()].filter((id) => id !== probe.id)),
    );
    const ackedByFleet = [...fleet.ackedIds()]
      .filter(([id]) => id !== probe.id)
      .reduce((a, [, ids]) => a + ids.size, 0);
    console.log(`\n${finalReport(s, left)}`);

    const lost = loss.missing + s.dropped + left;
    const unexpected5xx = s.fiveXx - (o.outageSeconds > 0 ? (s.statuses['503'] ?? 0) : 0);
    const needed = o.deployments / o.periodSeconds;
    const served = s.acked / (s.elapsedMs / 1000);
    console.log(
      [
        '',
        `heartbeats/s served ${served.toFixed(1)} vs needed ${needed.toFixed(1)} (N / period)`,
        `intake latency under load p50 ${s.intakeP50Ms} ms, p99 ${s.intakeP99Ms} ms vs idle p50 ${idle.p50} ms, p99 ${idle.p99} ms`,
        `stored check: ${loss.checked} acknowledged, ${loss.stored} stored (with the baseline's), ${loss.missing} missing${loss.missingIn.length ? ` (${loss.missingIn.join(', ')})` : ''}`,
        `counted check: the server counted ${counts.counted} heartbeats (request samples), ${counts.distinct} distinct, for ${ackedByFleet} acknowledged to the senders (probe deployment left out); ${counts.countedTwice} counted twice`,
        `lost ${lost} (missing ${loss.missing} + dropped ${s.dropped} + still buffered ${left}); 5xx ${s.fiveXx}` +
          (o.outageSeconds > 0
            ? ` (503 with Retry-After ${s.unavailableWithRetryAfter}; other 5xx ${unexpected5xx})`
            : ''),
        ...(outage
          ? [
              `outage: ${outage.unavailable} answers 503 + Retry-After, ${outage.buffered} buffered at its end, ` +
                `${s.buffered} buffered in all, ${s.replayed} replayed`,
            ]
          : []),
        `load average at the end ${load()}`,
        '',
        `fleet-load ${lost === 0 && unexpected5xx === 0 && counts.countedTwice === 0 && (!outage || outage.unavailable > 0) ? 'PASS' : 'FAIL'}: ` +
          `no heartbeat lost, none counted twice, no unexpected 5xx${outage ? ', 503 + Retry-After during the outage' : ''}`,
      ].join('\n'),
    );
    if (lost > 0 || unexpected5xx > 0 || counts.countedTwice > 0) process.exitCode = 1;
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * GET /api/metadata/tree through the local Functions host (public port → app worker process) against the
 * same registered handler behind bare node:http servers started in the same run:
 * - "model": the handler through @azure/functions' invocation model in-process — the conversions every
 *   Functions host runs (Azure's included), so host/model is what the local host itself costs;
 * - "direct": the handler called with HttpRequest/InvocationContext, no invocation model at all.
 * Maximum throughput (alternating rounds, medians) and p99 at a fixed 200 requests/s.
 * Targets: the host costs no more than 30 % of the bare throughput (issue 2; measured against "model"),
 * p99 ≤ 20 ms at 200 requests/s through the host (issue 3).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settingsForApp } from '../local/app-settings';
import { freePort } from '../local/net';
import { repoRoot, startStack } from '../local/stack';
import { formatResult, type LoadResult, load } from './lib/load';
import { startScript } from './lib/processes';

const ROUNDS = 3;
const SECONDS = 5;
const sides = ['direct', 'model', 'host'] as const;
type Side = (typeof sides)[number];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kpi-bench-'));
  const stack = await startStack({ dataDir, ports: 'free' });
  const appDir = join(repoRoot, 'functions', 'metadata');
  const settings = await settingsForApp(appDir, stack.values);
  const urls = { host: `${stack.urls.api}/metadata/tree` } as Record<Side, string>;
  const servers = [];
  for (const mode of ['direct', 'model'] as const) {
    const port = await freePort();
    const script = join(__dirname, 'servers', 'bare-app-server.ts');
    servers.push(await startScript(script, [appDir, 'tree-get', String(port), mode], settings));
    urls[mode] = `http://127.0.0.1:${port}/api/metadata/tree`;
  }
  try {
    const headers = { authorization: `Bearer ${await stack.token('olivia@contoso.example')}` };
    for (const side of sides) {
      const res = await fetch(urls[side], { headers });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`${side} answered ${res.status}`);
      console.log(`${side}: 200, ${bytes} bytes`);
      await load({ label: `warm-up ${side}`, url: urls[side], headers, seconds: 2 });
    }

    console.log(`\nmaximum throughput, 16 connections, ${ROUNDS} alternating rounds of ${SECONDS} s`);
    const runs: Record<Side, LoadResult[]> = { direct: [], model: [], host: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const side of sides) {
        const r = await load({ label: `${side} round ${round}`, url: urls[side], headers, seconds: SECONDS });
        runs[side].push(r);
        console.log(formatResult(r));
      }
    }
    const rps = (side: Side) => median(runs[side].map((r) => r.rps));

    console.log('\nfixed rate 200 requests/s, 10 s');
    const fixed: Partial<Record<Side, LoadResult>> = {};
    for (const side of sides) {
      fixed[side] = await load({
        label: `${side} @200/s`,
        url: urls[side],
        headers,
        seconds: 10,
        rate: 200,
        connections: 8,
      });
      console.log(formatResult(fixed[side]!));
    }

    const ratio = rps('host') / rps('model');
    const p99 = fixed.host!.p99;
    console.log(
      [
        '',
        `host / model throughput: ${rps('host').toFixed(0)} / ${rps('model').toFixed(0)} req/s = ${ratio.toFixed(2)} ` +
          `(the host's own cost ${((1 - ratio) * 100).toFixed(0)} %; target ≤ 30 %) ${ratio >= 0.7 ? 'PASS' : 'MISS'}`,
        `host / direct throughput: ${(rps('host') / rps('direct')).toFixed(2)} (the invocation model and the host together)`,
        `host p99 at 200 req/s: ${p99.toFixed(1)} ms (model ${fixed.model!.p99.toFixed(1)} ms, direct ${fixed.direct!.p99.toFixed(1)} ms; target ≤ 20 ms) ${
          p99 <= 20 ? 'PASS' : 'MISS'
        }`,
      ].join('\n'),
    );
  } finally {
    for (const s of servers) s.kill();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

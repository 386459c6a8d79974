/**
 * GET /api/metadata/tree through the local Functions host (front + worker process) versus the same
 * registered handler behind a bare node:http server, in one run: maximum throughput (alternating rounds,
 * median of each side) and p99 at a fixed 200 requests/s. Targets: the host costs no more than 30 % of the
 * bare throughput (issue 2), and p99 ≤ 20 ms at 200 requests/s through the host (issue 3).
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kpi-bench-'));
  const stack = await startStack({ dataDir, ports: 'free' });
  const appDir = join(repoRoot, 'functions', 'metadata');
  const barePort = await freePort();
  const bare = await startScript(
    join(__dirname, 'servers', 'bare-app-server.ts'),
    [appDir, 'tree-get', String(barePort)],
    await settingsForApp(appDir, stack.values),
  );
  try {
    const headers = { authorization: `Bearer ${await stack.token('olivia@contoso.example')}` };
    const urls = {
      host: `${stack.urls.api}/metadata/tree`,
      bare: `http://127.0.0.1:${barePort}/api/metadata/tree`,
    };
    for (const [label, url] of Object.entries(urls)) {
      const res = await fetch(url, { headers });
      if (res.status !== 200) throw new Error(`${label} answered ${res.status}: ${await res.text()}`);
      await load({ label: `warm-up ${label}`, url, headers, seconds: 2 });
    }

    console.log(`\nmaximum throughput, 16 connections, ${ROUNDS} alternating rounds of ${SECONDS} s`);
    const runs: Record<'host' | 'bare', LoadResult[]> = { host: [], bare: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const side of ['bare', 'host'] as const) {
        const r = await load({ label: `${side} round ${round}`, url: urls[side], headers, seconds: SECONDS });
        runs[side].push(r);
        console.log(formatResult(r));
      }
    }
    const hostRps = median(runs.host.map((r) => r.rps));
    const bareRps = median(runs.bare.map((r) => r.rps));

    console.log('\nfixed rate 200 requests/s, 10 s');
    const fixedBare = await load({
      label: 'bare @200/s',
      url: urls.bare,
      headers,
      seconds: 10,
      rate: 200,
      connections: 8,
    });
    const fixedHost = await load({
      label: 'host @200/s',
      url: urls.host,
      headers,
      seconds: 10,
      rate: 200,
      connections: 8,
    });
    console.log(formatResult(fixedBare));
    console.log(formatResult(fixedHost));

    const ratio = hostRps / bareRps;
    console.log(
      [
        '',
        `host / bare throughput: ${hostRps.toFixed(0)} / ${bareRps.toFixed(0)} req/s = ${ratio.toFixed(2)} ` +
          `(host overhead ${((1 - ratio) * 100).toFixed(0)} %; target ≤ 30 %) ${ratio >= 0.7 ? 'PASS' : 'MISS'}`,
        `host p99 at 200 req/s: ${fixedHost.p99.toFixed(1)} ms (bare ${fixedBare.p99.toFixed(1)} ms; target ≤ 20 ms) ${
          fixedHost.p99 <= 20 ? 'PASS' : 'MISS'
        }`,
      ].join('\n'),
    );
  } finally {
    bare.kill();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

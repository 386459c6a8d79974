/**
 * Heartbeat intake (`POST /api/monitoring/heartbeats`: credential check, zod validation, heartbeat write,
 * deployment status update, pending-command query) through the local Functions host, against the same
 * handler behind a bare node:http server (bench/servers/bare-app-server.ts, `direct` mode: the same
 * validation and writes, no host) in the same run, both writing to the stack's Cosmos stand-in.
 * Every request is a new heartbeat (fresh id) from one of 200 deployments. Target: host ≥ 0.7 of bare.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { credentialFor, heartbeat } from '../functions/monitoring/monitoring-test-kit';
import { settingsForApp } from '../local/app-settings';
import { freePort } from '../local/net';
import { repoRoot, startStack } from '../local/stack';
import { startScript } from './lib/processes';

const DEPLOYMENTS = 200;
const ROUNDS = 3;
const SECONDS = 6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function run(url: string, creds: { id: string; auth: string }[], seconds: number) {
  let i = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 16,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const c = creds[i++ % creds.length] as { id: string; auth: string };
          return {
            ...req,
            headers: { ...req.headers, authorization: c.auth, 'content-type': 'application/json' },
            body: JSON.stringify({ ...heartbeat(c.id), id: randomUUID() }),
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kpi-bench-hb-'));
  const stack = await startStack({ dataDir, ports: 'free' });
  const appDir = join(repoRoot, 'functions', 'monitoring');
  const port = await freePort();
  const bare = await startScript(
    join(__dirname, 'servers', 'bare-app-server.ts'),
    [appDir, 'heartbeat-post', String(port), 'direct'],
    await settingsForApp(appDir, stack.values),
  );
  try {
    const creds = [];
    for (let d = 0; d < DEPLOYMENTS; d++) {
      const id = `bench-${d}`;
      creds.push({ id, auth: await credentialFor(stack, `tenant-${d % 10}`, id) });
    }
    const urls = {
      host: `${stack.urls.api}/monitoring/heartbeats`,
      bare: `http://127.0.0.1:${port}/api/monitoring/heartbeats`,
    };
    for (const [side, url] of Object.entries(urls)) {
      const r = await run(url, creds, 2);
      console.log(`warm-up ${side}: ${r.rps.toFixed(0)} req/s, non-2xx ${r.non2xx}`);
    }
    const rps: Record<string, number[]> = { host: [], bare: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [side, url] of Object.entries(urls)) {
        const r = await run(url, creds, SECONDS);
        rps[side]?.push(r.rps);
        console.log(
          `${side} round ${round}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99.toFixed(1)} ms, non-2xx ${r.non2xx}, errors ${r.errors}`,
        );
      }
    }
    const ratio = median(rps.host ?? []) / median(rps.bare ?? []);
    console.log(
      `\nhost / bare node:http heartbeat intake: ${median(rps.host ?? []).toFixed(0)} / ${median(rps.bare ?? []).toFixed(0)} req/s = ${ratio.toFixed(2)} (target ≥ 0.7) ${ratio >= 0.7 ? 'PASS' : 'MISS'}`,
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

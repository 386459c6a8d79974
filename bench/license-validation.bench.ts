/**
 * `POST /api/license/validations` (a deployment's online check: key signature, two point reads, credential
 * hash) through the local Functions host at a fixed 100 requests/s, beside `GET /api/license/jwks` (no
 * storage) at the same rate in the same run as the baseline. Target (issue 5): p99 ≤ 30 ms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../local/stack';
import { formatResult, load } from './lib/load';

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kpi-bench-license-'));
  const stack = await startStack({ dataDir, ports: 'free' });
  try {
    const api = `${stack.urls.api}/license`;
    const admin = {
      authorization: `Bearer ${await stack.token('ada@vendor.example')}`,
      'content-type': 'application/json',
    };
    const issued = await fetch(`${api}/licenses`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        tenantId: 'contoso',
        configurationId: 'cfg-bench',
        kpiIds: Array.from({ length: 150 }, (_, i) => `kpi-${i}`),
        edition: 'enterprise',
        maxDeployments: 1,
        expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
        contacts: ['olivia@contoso.example'],
      }),
    });
    if (issued.status !== 201) throw new Error(`issue answered ${issued.status}: ${await issued.text()}`);
    const { key } = (await issued.json()) as { key: string };
    const activated = await fetch(`${api}/activations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key, deploymentId: 'bench' }),
    });
    if (activated.status !== 201) throw new Error(`activation answered ${activated.status}`);
    const { credential } = (await activated.json()) as { credential: string };

    const validation = {
      url: `${api}/validations`,
      method: 'POST' as const,
      headers: { authorization: `Deployment ${credential}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key, deploymentId: 'bench' }),
    };
    const check = await fetch(validation.url, { ...validation });
    if (check.status !== 200) throw new Error(`validation answered ${check.status}: ${await check.text()}`);

    await load({ label: 'warm-up', ...validation, seconds: 3, rate: 100, connections: 4 });
    console.log('fixed rate 100 requests/s, 4 connections, 10 s each');
    const jwks = await load({
      label: 'jwks @100/s',
      url: `${api}/jwks`,
      seconds: 10,
      rate: 100,
      connections: 4,
    });
    console.log(formatResult(jwks));
    const result = await load({
      label: 'validations @100/s',
      ...validation,
      seconds: 10,
      rate: 100,
      connections: 4,
    });
    console.log(formatResult(result));
    const ok = result.p99 <= 30 && result.non2xx === 0 && result.errors === 0;
    console.log(
      `\nvalidation p99 at 100 req/s: ${result.p99.toFixed(1)} ms (jwks baseline ${jwks.p99.toFixed(1)} ms; ` +
        `target ≤ 30 ms, no errors) ${ok ? 'PASS' : 'MISS'}`,
    );
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

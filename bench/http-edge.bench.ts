/**
 * Cost of the HTTP edge pipeline (shared/platform/http/route.ts), in-process, handler called directly.
 * Baselines measured in the same run: a bare handler that builds the same JSON response without the
 * pipeline, and one RS256 signature verification. The figures that matter are the ratios.
 */
import { HttpRequest, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { atLeast } from '../shared/platform/auth/roles';
import { createTestIssuer } from '../shared/platform/auth/test-issuer';
import { createBearerVerifier } from '../shared/platform/auth/verify-bearer';
import { configureHttpEdge } from '../shared/platform/http/edge-config';
import { httpRoute } from '../shared/platform/http/route';

const body = {
  items: Array.from({ length: 20 }, (_, i) => ({ id: `k${i}`, name: `KPI ${i}`, value: i * 1.5 })),
};

async function measure(label: string, iterations: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(2000, iterations / 5); i++) await fn(); // warm-up
  // Best of five rounds: other processes on a small machine add noise, never speed.
  let us = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations / 5; i++) await fn();
    us = Math.min(us, Number(process.hrtime.bigint() - start) / 1000 / (iterations / 5));
  }
  console.log(`${label.padEnd(44)} ${us.toFixed(2).padStart(8)} µs/op`);
  return us;
}

async function main() {
  const iss = await createTestIssuer();
  configureHttpEdge({ verifier: iss.verifier, corsOrigins: ['https://config.example'] });
  const token = await iss.user('eddie', 'contoso', ['editor']);

  const publicRoute = httpRoute({
    app: 'bench',
    name: 'public-get',
    method: 'GET',
    route: 'public',
    roles: 'public',
    query: z.object({ q: z.string().max(50).optional() }),
    handler: async () => ({ body }),
  });
  const authRoute = httpRoute({
    app: 'bench',
    name: 'auth-get',
    method: 'GET',
    route: 'tenants/{tenantId}/kpis',
    roles: atLeast('viewer'),
    tenantParam: 'tenantId',
    handler: async () => ({ body }),
  });
  const ctx = new InvocationContext({ logHandler: () => undefined });
  const req = (auth: boolean) =>
    new HttpRequest({
      method: 'GET',
      url: 'http://127.0.0.1/api/bench/x?q=a',
      headers: { origin: 'https://config.example', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      params: { tenantId: 'contoso' },
      query: { q: 'a' },
    });
  // Requests are built outside the timed loop: the host builds them, not the pipeline.
  const publicReqs = Array.from({ length: 64 }, () => req(false));
  const authReqs = Array.from({ length: 64 }, () => req(true));
  let i = 0;

  const bare = await measure('baseline: bare handler, JSON.stringify', 50_000, async () => ({
    status: 200,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  }));
  const pub = await measure(
    'pipeline: public route + query validation',
    50_000,
    () => publicRoute.handler(publicReqs[i++ & 63] as HttpRequest, ctx) as Promise<unknown>,
  );
  const uncached = createBearerVerifier({
    issuer: iss.issuer,
    audience: iss.audience,
    jwks: iss.jwks,
    cacheSize: 0,
  });
  const verify = await measure('baseline: RS256 token verification (no cache)', 5_000, () =>
    uncached.verifyBearer(token),
  );
  const auth = await measure(
    'pipeline: bearer (cached) + role + tenant',
    50_000,
    () => authRoute.handler(authReqs[i++ & 63] as HttpRequest, ctx) as Promise<unknown>,
  );
  console.log(
    `\npipeline overhead without auth: ${(pub - bare).toFixed(2)} µs/op (${(pub / bare).toFixed(1)}x bare)`,
  );
  console.log(
    `authenticated route (token seen before) vs one signature check: ${(auth / verify).toFixed(2)}x`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * The client deployment's `client-app` (issue 13):
 * 1. Cold start to the first served answer with the snapshot cached: a fresh host + worker on the deployment's
 *    kept storage and vault, timed to the first 200 of `GET kpis` (key from Key Vault, offline verify,
 *    cached verdict and snapshot); baseline in the same run: the same app's cold start to the first 200 of
 *    `GET openapi.json`, which does no licence work. Alternating rounds, medians.
 * 2. The added cost per request of licence enforcement (the per-request time rules, the online refusal check
 *    and the x-license-* headers: what `guard()` does on a loaded licence) beside the bare route: `GET kpis`
 *    through the host on one keep-alive connection (p50 = the whole request's service time). Target < 5 %.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineLicenseVerifier } from '@kpi/shared/license/offline-verifier';
import { licenseHeaders } from '../functions/client-app/license/license-runtime';
import { bannerAt, type LoadedLicense } from '../functions/client-app/license/loaded-license';
import { startClientDeployment } from '../local/client/client-deployment';
import { issueLicense } from '../local/client/issue-license';
import { apiAudience, startStack } from '../local/stack';
import { formatResult, load } from './lib/load';

const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function firstOk(url: string, headers: Record<string, string>): Promise<void> {
  for (;;) {
    const res = await fetch(url, { headers }).catch(() => undefined);
    if (res?.status === 200) return;
    await res?.body?.cancel();
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'kpi-bench-client-'));
  const stack = await startStack({ dataDir: join(root, 'vendor'), ports: 'free' });
  try {
    const issued = await issueLicense({
      api: stack.urls.api,
      adminToken: () => stack.token('ada@vendor.example'),
      tenantId: 'contoso',
      configurationId: 'cfg-bench',
      kpiIds: ['gross-margin', 'otif-rate', 'revenue-growth'],
      expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    });
    const options = {
      tenantId: 'contoso',
      deploymentId: 'contoso-bench',
      vendorApi: stack.urls.api,
      authIssuer: stack.urls.issuer,
      authAudience: apiAudience,
      dataDir: join(root, 'client'),
    };
    const auth = { authorization: `Bearer ${await stack.token('vera@contoso.example')}` };
    // First start: activation, validation, snapshot; then every start below finds them cached.
    const first = await startClientDeployment({ ...options, licenseKey: issued.key });
    await firstOk(`${first.api}/client-app/kpis`, auth);
    const jwks = JSON.parse(first.settings.LICENSE_TRUSTED_JWKS ?? '{}');
    await first.stop();

    const licensed: number[] = [];
    const bare: number[] = [];
    // From the host being up (app module loaded, worker registered) to the first answer: the cold-start work.
    const licensedAfterLoad: number[] = [];
    const bareAfterLoad: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      for (const [path, into, afterLoad] of [
        ['kpis', licensed, licensedAfterLoad],
        ['openapi.json', bare, bareAfterLoad],
      ] as const) {
        const began = performance.now();
        const dep = await startClientDeployment(options);
        const up = performance.now();
        await firstOk(`${dep.api}/client-app/${path}`, auth);
        into.push(performance.now() - began);
        afterLoad.push(performance.now() - up);
        await dep.stop();
      }
    }
    console.log(
      `cold start to first answer (median of ${ROUNDS}): GET kpis, snapshot cached ${median(licensed).toFixed(0)} ms; ` +
        `GET openapi.json, no licence work ${median(bare).toFixed(0)} ms ` +
        `(ratio ${(median(licensed) / median(bare)).toFixed(2)}; rounds ${licensed.map((x) => x.toFixed(0)).join('/')} vs ${bare.map((x) => x.toFixed(0)).join('/')})`,
    );
    console.log(
      `  of which after the app had loaded (host up → first answer): GET kpis ${median(licensedAfterLoad).toFixed(0)} ms; ` +
        `GET openapi.json ${median(bareAfterLoad).toFixed(0)} ms (rounds ${licensedAfterLoad.map((x) => x.toFixed(0)).join('/')} vs ${bareAfterLoad.map((x) => x.toFixed(0)).join('/')})`,
    );

    // 2. Per request.
    const dep = await startClientDeployment(options);
    try {
      const url = `${dep.api}/client-app/kpis`;
      await firstOk(url, auth);
      await load({ label: 'warm-up', url, headers: auth, seconds: 2, connections: 1 });
      const route = await load({
        label: 'GET kpis, 1 connection',
        url,
        headers: auth,
        seconds: 8,
        connections: 1,
      });
      console.log(formatResult(route));

      // The enforcement work on a loaded licence, in process (what guard() adds to every data request).
      const verifier = new OfflineLicenseVerifier(jwks);
      const verdict = verifier.verify(issued.key, { now: new Date() });
      if (verdict.kind === 'refuse') throw new Error(`bench key refused: ${verdict.reason}`);
      const loaded: LoadedLicense = {
        key: issued.key,
        claims: verdict.claims,
        checkedAt: new Date(),
        state: { vendorReachable: true },
      };
      const n = 200_000;
      let sink = 0;
      const began = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        const banner = bannerAt(loaded, new Date(), 'contoso');
        sink += Object.keys(licenseHeaders(banner)).length;
      }
      const perCallUs = Number(process.hrtime.bigint() - began) / 1000 / n;
      if (sink === 0) throw new Error('unreachable');
      const requestUs = route.p50 * 1000;
      const share = (perCallUs / requestUs) * 100;
      console.log(
        `licence enforcement per request: ${perCallUs.toFixed(2)} µs beside the bare route's ${requestUs.toFixed(0)} µs (p50, whole request): ` +
          `${share.toFixed(2)} % (target < 5 %) ${share < 5 ? 'PASS' : 'MISS'}`,
      );
    } finally {
      await dep.stop();
    }
  } finally {
    await stack.stop();
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

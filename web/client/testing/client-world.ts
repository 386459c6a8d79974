/**
 * What the Client UI's browser tests run against: the vendor platform (startStack, no vendor UIs) and client
 * deployments in the licence states under test, each on its own host, storage and Key Vault
 * (local/client/client-deployment.ts) and each serving its own Client UI whose config.json points at it
 * (local/web/client-site.ts). Time passes for a deployment through the preloaded clock shift of its workers
 * (local/client/fake-clock.cjs), never by sleeping.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import {
  type ClientDeployment,
  startClientDeployment,
  storageAccountName,
} from '../../../local/client/client-deployment';
import { issueLicense } from '../../../local/client/issue-license';
import { freePort } from '../../../local/net';
import { apiAudience, type Stack, startStack } from '../../../local/stack';
import { buildUi } from '../../../local/web/build-ui';
import { clientUiClientId, type RunningClientSite, serveClientSite } from '../../../local/web/client-site';

const DAY = 86_400_000;
export const inDays = (n: number) =>
  new Date(Date.now() + n * DAY).toISOString().replace(/\.\d{3}Z$/, '.000Z');
const fakeClock = resolve(__dirname, '../../../local/client/fake-clock.cjs');

/** The KPIs every test licence entitles (ids of the seeded catalog). */
export const KPIS = ['gross-margin', 'otif-rate', 'revenue-growth'];

/** One client deployment and the Client UI it serves. */
export interface ClientSite {
  deployment: ClientDeployment;
  /** Origin of its Client UI. */
  ui: string;
  licenseId: string;
  /** Days its clock runs ahead of real time (0: real time). */
  clockDays: number;
}

export interface ClientWorld {
  vendor: Stack;
  /** Licensed for a year. */
  full: ClientSite;
  /** Expired ten days ago (its clock), twenty of thirty grace days left. */
  grace: ClientSite;
  /** Its key was changed after signing: refused with LICENSE.SIGNATURE_INVALID. */
  refused: ClientSite;
  stop(): Promise<void>;
}

interface DeployOptions {
  id: string;
  key?: string;
  clockDays?: number;
  dataDir: string;
  uiPort: number;
}

/** The licence states a world can start deployments in. */
export type SiteKind = 'full' | 'grace' | 'refused';

/** The vendor platform and a deployment in each licence state under test. */
export function startClientWorld(): Promise<ClientWorld> {
  return startClientSites(['full', 'grace', 'refused']);
}

/** The vendor platform and deployments in only the `kinds` asked for (e.g. the dashboards need `full` alone). */
export async function startClientSites<K extends SiteKind>(
  kinds: readonly K[],
): Promise<Pick<ClientWorld, 'vendor' | 'stop'> & Record<K, ClientSite>> {
  const root = await mkdtemp(join(tmpdir(), 'kpi-client-ui-'));
  const running: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const part of running.reverse()) await part.stop().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  };
  try {
    // The sites below would each build the Client UI when it is out of date: build it once, meanwhile.
    const [vendor, built] = await Promise.all([
      startStack({ dataDir: join(root, 'vendor'), ports: 'free' }),
      buildUi('client', { logLevel: 'warn' }),
    ]);
    running.push(vendor);
    const ada = () => vendor.token('ada@vendor.example');
    const issue = (expiresAt: string, graceDays: number) =>
      issueLicense({
        api: vendor.urls.api,
        adminToken: ada,
        tenantId: 'contoso',
        configurationId: 'cfg-client-ui-tests',
        kpiIds: KPIS,
        expiresAt,
        graceDays,
      });

    const deploy = async (o: DeployOptions): Promise<ClientDeployment> => {
      const deployment = await startClientDeployment({
        tenantId: 'contoso',
        deploymentId: o.id,
        vendorApi: vendor.urls.api,
        authIssuer: vendor.urls.issuer,
        authAudience: apiAudience,
        ...(o.key ? { licenseKey: o.key } : {}),
        dataDir: o.dataDir,
        // The pages under test read client-app (licence, KPIs) and calculation (values); the data apps have
        // their own tests, and every worker started costs seconds.
        apps: ['client-app', 'calculation'],
        corsOrigins: [`http://127.0.0.1:${o.uiPort}`],
        ...(o.clockDays
          ? {
              workerEnv: { FAKE_CLOCK_OFFSET_MS: String(o.clockDays * DAY) },
              workerExecArgv: ['--require', fakeClock],
            }
          : {}),
      });
      running.push(deployment);
      return deployment;
    };
    const serve = async (
      deployment: ClientDeployment,
      port: number,
      licenseId: string,
      clockDays = 0,
    ): Promise<ClientSite> => {
      const account = deployment.storage.accounts[storageAccountName(deployment.deploymentId)];
      if (!account) throw new Error(`no storage account for ${deployment.deploymentId}`);
      const site: RunningClientSite = await serveClientSite({
        account,
        api: deployment.api,
        issuer: vendor.urls.issuer,
        audience: apiAudience,
        port,
        distDir: built.distDir,
      });
      running.push(site);
      return { deployment, ui: site.url, licenseId, clockDays };
    };

    const startFull = async () => {
      const issued = await issue(inDays(365), 30);
      const port = await freePort();
      const dep = await deploy({
        id: 'contoso-ui-full',
        key: issued.key,
        dataDir: join(root, 'full'),
        uiPort: port,
      });
      return serve(dep, port, issued.licenseId);
    };
    const startGrace = async () => {
      // Activated today; then started again twenty days later, ten days past expiry.
      const issued = await issue(inDays(10), 30);
      const port = await freePort();
      const dataDir = join(root, 'grace');
      const first = await deploy({ id: 'contoso-ui-grace', key: issued.key, dataDir, uiPort: port });
      await first.stop();
      running.splice(running.indexOf(first), 1);
      const later = await deploy({ id: 'contoso-ui-grace', clockDays: 20, dataDir, uiPort: port });
      return serve(later, port, issued.licenseId, 20);
    };
    const startRefused = async () => {
      const issued = await issue(inDays(365), 30);
      const [h, p, sig] = issued.key.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { kpiIds: string[] };
      claims.kpiIds = [...claims.kpiIds, 'net-revenue'];
      const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
      const port = await freePort();
      const dep = await deploy({
        id: 'contoso-ui-refused',
        key: tampered,
        dataDir: join(root, 'refused'),
        uiPort: port,
      });
      return serve(dep, port, issued.licenseId);
    };
    const starts: Record<SiteKind, () => Promise<ClientSite>> = {
      full: startFull,
      grace: startGrace,
      refused: startRefused,
    };
    const sites = await Promise.all(kinds.map(async (k) => [k, await starts[k]()] as const));
    return { vendor, stop: stopAll, ...(Object.fromEntries(sites) as Record<K, ClientSite>) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * Signs a user in on a deployment whose clock runs days ahead: the issuer's interactive tokens last an
 * hour of real time, so that deployment would find them long expired. The page gets a real token of the
 * same issuer for the same user, valid past the shifted clock, in the session store the UI's OIDC client
 * reads (the sign-in page itself is covered on the real-time deployments).
 */
export async function signInAhead(
  page: Page,
  world: Pick<ClientWorld, 'vendor'>,
  site: ClientSite,
  email: string,
  path = '/',
): Promise<void> {
  const ttlSeconds = (site.clockDays + 2) * 86_400;
  const token = await world.vendor.token(email, { ttlSeconds });
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const key = `oidc.user:${world.vendor.urls.issuer}:${clientUiClientId}`;
  const user = JSON.stringify({
    access_token: token,
    token_type: 'Bearer',
    scope: 'openid profile email',
    profile: claims,
    expires_at: claims.exp,
  });
  const origin = new URL(site.ui).origin;
  await page.addInitScript(
    ([o, k, v]) => {
      if (window.location.origin === o) window.sessionStorage.setItem(k as string, v as string);
    },
    [origin, key, user],
  );
  await page.goto(`${site.ui}${path}`);
  await page.locator('header').getByText(email).waitFor({ timeout: 15_000 });
}

/** GETs a client-app route of a deployment as a user (what the UI should show), with a token valid on its clock. */
export async function clientGet<T>(
  world: Pick<ClientWorld, 'vendor'>,
  site: ClientSite,
  path: string,
  email: string,
): Promise<T> {
  const token = await world.vendor.token(email, { ttlSeconds: (site.clockDays + 2) * 86_400 });
  const res = await fetch(`${site.deployment.api}/client-app/${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`GET ${path} as ${email}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

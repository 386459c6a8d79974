/**
 * The client deployment through both stacks: the vendor platform (startStack) and client deployments on
 * their own hosts, storage and vaults (startClientDeployment), reaching the vendor only over its public
 * HTTP routes. One test per start-up path. Time passes through a preloaded clock shift of the client's
 * workers (local/client/fake-clock.cjs), never by sleeping.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientDeployment, startClientDeployment } from '../../local/client/client-deployment';
import { issueLicense } from '../../local/client/issue-license';
import { apiAudience, type Stack, startStack } from '../../local/stack';
import { ADMINS, READERS } from './route-kit';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().replace(/\.\d{3}Z$/, '.000Z');
const fakeClock = resolve(__dirname, '../../local/client/fake-clock.cjs');
const KPIS = ['gross-margin', 'otif-rate', 'revenue-growth'];

let stack: Stack;
let root: string;
const running: ClientDeployment[] = [];
/** The first start's deployment, kept running for the OpenAPI check. */
let firstStarted: ClientDeployment | undefined;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kpi-client-'));
  stack = await startStack({ dataDir: join(root, 'vendor'), ports: 'free' });
});

afterAll(async () => {
  for (const d of running) await d.stop();
  for (const close of closers) await close();
  await stack?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

const ada = () => stack.token('ada@vendor.example');

interface DeployOptions {
  deploymentId: string;
  tenantId?: string;
  licenseKey?: string;
  /** Days the client's clock is ahead of real time. */
  clockDays?: number;
  /** Point the deployment at a vendor address where nothing answers. */
  vendorDown?: boolean;
  dataDir?: string;
}

/**
 * An address of ours where the vendor "is": every connection is reset at once (a port merely found free
 * could be taken by another process on this shared machine and answer).
 */
async function unreachableVendor(): Promise<string> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

/** Starts a client deployment (reusing `dataDir` is a restart of the same deployment). */
async function deploy(o: DeployOptions): Promise<ClientDeployment> {
  const dep = await startClientDeployment({
    tenantId: o.tenantId ?? 'contoso',
    deploymentId: o.deploymentId,
    // The JWKS is embedded at deployment from the vendor; the apps may then find the vendor unreachable.
    vendorApi: stack.urls.api,
    // The licence paths need client-app alone; the data apps have their own tests.
    apps: ['client-app'],
    ...(o.vendorDown ? { reachVendorAt: await unreachableVendor() } : {}),
    authIssuer: stack.urls.issuer,
    authAudience: apiAudience,
    ...(o.licenseKey ? { licenseKey: o.licenseKey } : {}),
    dataDir: o.dataDir ?? join(root, o.deploymentId),
    ...(process.env.CLIENT_TEST_LOG ? { log: (l: string) => console.log(l) } : {}),
    ...(o.clockDays
      ? {
          workerEnv: { FAKE_CLOCK_OFFSET_MS: String(o.clockDays * DAY) },
          workerExecArgv: ['--require', fakeClock],
        }
      : {}),
  });
  running.push(dep);
  return dep;
}

/** Waits for the first served answer (start-up done: activated, validated, snapshot fetched). */
async function served(dep: ClientDeployment): Promise<ClientDeployment> {
  let kpis = await call(dep, 'GET', 'kpis', { as: VERA });
  // A first start whose vendor calls failed (a busy machine) answers 503 CLIENT.NO_SNAPSHOT and tries again.
  for (let i = 0; i < 60 && kpis.status === 503; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    kpis = await call(dep, 'GET', 'kpis', { as: VERA });
  }
  expect(kpis.status).toBe(200);
  return dep;
}

async function stop(dep: ClientDeployment): Promise<void> {
  await dep.stop();
  running.splice(running.indexOf(dep), 1);
}

async function call(
  dep: ClientDeployment,
  method: string,
  path: string,
  o: { as?: string; body?: unknown; ttlSeconds?: number } = {},
  // biome-ignore lint/suspicious/noExplicitAny: checked by the assertions
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (o.as) {
    headers.authorization = `Bearer ${await stack.token(o.as, { ttlSeconds: o.ttlSeconds ?? 3600 })}`;
  }
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${dep.api}/client-app/${path}`, {
    method,
    headers,
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const license = (
  over: { kpiIds?: string[]; expiresAt?: string; graceDays?: number; configurationId?: string } = {},
) =>
  issueLicense({
    api: stack.urls.api,
    adminToken: ada,
    tenantId: 'contoso',
    configurationId: over.configurationId ?? 'cfg-client-tests',
    kpiIds: over.kpiIds ?? KPIS,
    expiresAt: over.expiresAt ?? inDays(365),
    graceDays: over.graceDays ?? 30,
  });

const OLIVIA = 'olivia@contoso.example';
const VERA = 'vera@contoso.example';

// Each path starts one to three client deployments (a host with its worker each): generous on a busy machine.
describe('client deployment start-up paths', { timeout: 180_000 }, () => {
  it('first start: activates, validates online, fetches the signed snapshot, serves only entitled KPIs', async () => {
    const issued = await license();
    const dep = await deploy({ deploymentId: 'contoso-first', licenseKey: issued.key });
    firstStarted = dep;
    // Start-up done (a busy machine's first vendor calls may time out: the app answers 503 and tries again).
    await served(dep);
    const kpis = await call(dep, 'GET', 'kpis', { as: VERA });
    expect(kpis.status).toBe(200);
    expect(kpis.body.license).toMatchObject({ state: 'full' });
    expect(kpis.body.license.daysLeft).toBeGreaterThan(360);
    expect(kpis.headers.get('x-license-state')).toBe('full');
    expect(kpis.body.items.map((k: { id: string }) => k.id)).toEqual([...KPIS].sort());
    const status = await call(dep, 'GET', 'license', { as: VERA });
    expect(status.body).toMatchObject({
      state: 'full',
      licenseId: issued.licenseId,
      source: 'online',
      vendorReachable: true,
      entitledKpiIds: [...KPIS].sort(),
    });
    expect(status.body.activatedAt).toBeTruthy();
    const history = await call(dep, 'GET', 'license/validations', { as: OLIVIA });
    expect(history.body.items.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['activation', 'online', 'snapshot']),
    );
    // The credential is a Key Vault secret of the deployment, never in its storage.
    expect(await dep.keyVault.getSecret('deployment-credential')).toMatch(/^dc_/);
    // Only the deployment's own tenant's users: another tenant (and vendor staff) get 403.
    const alex = await call(dep, 'GET', 'kpis', { as: 'alex@fabrikam.example' });
    expect([alex.status, alex.body.error.code]).toEqual([403, 'AUTH.TENANT_FORBIDDEN']);
    expect((await call(dep, 'GET', 'kpis', { as: 'ada@vendor.example' })).status).toBe(403);
    expect((await call(dep, 'GET', 'kpis/net-revenue', { as: VERA })).body.error.code).toBe(
      'CLIENT.KPI_NOT_FOUND',
    );
    expect((await call(dep, 'GET', 'kpis/otif-rate', { as: VERA })).body.kpi).toMatchObject({
      id: 'otif-rate',
    });
    // Viewers read; only admins and owners see the history and manage the key.
    expect((await call(dep, 'GET', 'license/validations', { as: VERA })).status).toBe(403);
    // The licence service shows the deployment as active on the licence.
    const view = await fetch(`${stack.urls.api}/license/licenses/${issued.licenseId}`, {
      headers: { authorization: `Bearer ${await ada()}` },
    }).then((r) => r.json() as Promise<{ activeDeployments: { deploymentId: string }[] }>);
    expect(view.activeDeployments.map((d) => d.deploymentId)).toEqual(['contoso-first']);
  });

  it('restart: serves from its storage and vault without activating again', async () => {
    const issued = await license();
    const first = await deploy({ deploymentId: 'contoso-restart', licenseKey: issued.key });
    await served(first);
    await stop(first);
    const again = await deploy({ deploymentId: 'contoso-restart' });
    const kpis = await call(again, 'GET', 'kpis', { as: VERA });
    expect(kpis.status).toBe(200);
    expect(kpis.body.items).toHaveLength(KPIS.length);
    const history = await call(again, 'GET', 'license/validations', { as: OLIVIA });
    expect(history.body.items.filter((e: { kind: string }) => e.kind === 'activation')).toHaveLength(1);
  });

  it('vendor unreachable: starts and serves on the cached snapshot and verdict', async () => {
    const issued = await license();
    const first = await deploy({ deploymentId: 'contoso-offline', licenseKey: issued.key });
    await served(first);
    await stop(first);
    const offline = await deploy({ deploymentId: 'contoso-offline', vendorDown: true });
    const kpis = await call(offline, 'GET', 'kpis', { as: VERA });
    expect(kpis.status).toBe(200);
    expect(kpis.body.items.map((k: { id: string }) => k.id)).toEqual(KPIS);
    const status = await call(offline, 'GET', 'license', { as: VERA });
    // The background sync of the cold start finds the vendor unreachable (it fetches the snapshot each cold start).
    await expect
      .poll(async () => (await call(offline, 'GET', 'license', { as: VERA })).body.vendorReachable, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(false);
    expect(status.body).toMatchObject({ state: 'full', licenseId: issued.licenseId });
    expect((await call(offline, 'GET', 'license', { as: VERA })).body.source).toBe('cached');
    expect((await call(offline, 'GET', 'health')).body).toMatchObject({
      status: 'degraded',
      license: { state: 'full' },
    });
  });

  it('key tampered: refused offline with LICENSE.SIGNATURE_INVALID, never shown to the vendor', async () => {
    const issued = await license();
    const [h, p, sig] = issued.key.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    claims.kpiIds = [...claims.kpiIds, 'net-revenue'];
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    const dep = await deploy({ deploymentId: 'contoso-tampered', licenseKey: tampered });
    const kpis = await call(dep, 'GET', 'kpis', { as: VERA });
    expect([kpis.status, kpis.body.error.code]).toEqual([403, 'LICENSE.SIGNATURE_INVALID']);
    expect(kpis.headers.get('x-license-reason')).toBe('LICENSE.SIGNATURE_INVALID');
    const status = await call(dep, 'GET', 'license', { as: VERA });
    expect(status.body).toMatchObject({
      state: 'refused',
      reasonCode: 'LICENSE.SIGNATURE_INVALID',
      entitledKpiIds: [],
    });
    expect(await dep.keyVault.getSecret('deployment-credential')).toBeUndefined();
    // The validation history says why (once, however often the timer finds the same key).
    expect(
      (await fetch(`${dep.host}/admin/functions/client-license-refresh?wait=true`, { method: 'POST' }))
        .status,
    ).toBe(200);
    const history = await call(dep, 'GET', 'license/validations', { as: OLIVIA });
    expect(history.body.items).toEqual([
      expect.objectContaining({
        kind: 'offline',
        outcome: 'refused',
        reasonCode: 'LICENSE.SIGNATURE_INVALID',
        trigger: 'cold-start',
      }),
    ]);
  });

  it('wrong tenant: a contoso key in a fabrikam deployment is refused with LICENSE.TENANT_MISMATCH', async () => {
    const issued = await license();
    const dep = await deploy({
      deploymentId: 'fabrikam-borrowed',
      tenantId: 'fabrikam',
      licenseKey: issued.key,
    });
    const kpis = await call(dep, 'GET', 'kpis', { as: 'alex@fabrikam.example' });
    expect([kpis.status, kpis.body.error.code]).toEqual([403, 'LICENSE.TENANT_MISMATCH']);
    expect(await dep.keyVault.getSecret('deployment-credential')).toBeUndefined();
  });

  it('expired in grace: serves with the grace banner and the days left in every answer', async () => {
    const issued = await license({ expiresAt: inDays(10), graceDays: 30 });
    const dir = join(root, 'contoso-grace');
    await stop(
      await served(await deploy({ deploymentId: 'contoso-grace', licenseKey: issued.key, dataDir: dir })),
    );
    // Twenty days later: ten days past expiry, twenty of the thirty grace days left.
    const later = await deploy({ deploymentId: 'contoso-grace', clockDays: 20, dataDir: dir });
    const kpis = await call(later, 'GET', 'kpis', { as: VERA, ttlSeconds: 40 * 86_400 });
    expect(kpis.status).toBe(200);
    expect(kpis.body.license).toMatchObject({ state: 'grace', daysLeft: 20 });
    expect(kpis.body.license.message).toMatch(/grace/);
    expect([kpis.headers.get('x-license-state'), kpis.headers.get('x-license-days-left')]).toEqual([
      'grace',
      '20',
    ]);
  });

  it('past grace: data routes answer 403 LICENSE.EXPIRED; the licence route still says why; a clock turned back is caught', async () => {
    const issued = await license({ expiresAt: inDays(10), graceDays: 5 });
    const dir = join(root, 'contoso-past-grace');
    await stop(
      await served(
        await deploy({ deploymentId: 'contoso-past-grace', licenseKey: issued.key, dataDir: dir }),
      ),
    );
    const later = await deploy({ deploymentId: 'contoso-past-grace', clockDays: 20, dataDir: dir });
    const token = { as: VERA, ttlSeconds: 40 * 86_400 };
    const kpis = await call(later, 'GET', 'kpis', token);
    expect([kpis.status, kpis.body.error.code]).toEqual([403, 'LICENSE.EXPIRED']);
    expect(kpis.body.error.details).toMatchObject({ state: 'refused', daysLeft: 0 });
    const status = await call(later, 'GET', 'license', token);
    expect(status.body).toMatchObject({
      state: 'refused',
      reasonCode: 'LICENSE.EXPIRED',
      licenseId: issued.licenseId,
    });
    expect((await call(later, 'GET', 'health')).body.status).toBe('locked');
    await stop(later);
    // Back to real time: the deployment has seen a later time, so the clock was rolled back.
    const rolledBack = await deploy({ deploymentId: 'contoso-past-grace', dataDir: dir });
    const again = await call(rolledBack, 'GET', 'kpis', { as: VERA });
    expect([again.status, again.body.error.code]).toEqual([403, 'LICENSE.CLOCK_ROLLBACK']);
  });

  it('revoked: found by the next online validation, then every data route answers 403 LICENSE.REVOKED', async () => {
    const issued = await license();
    const dir = join(root, 'contoso-revoked');
    await stop(
      await served(await deploy({ deploymentId: 'contoso-revoked', licenseKey: issued.key, dataDir: dir })),
    );
    const revoke = await fetch(`${stack.urls.api}/license/licenses/${issued.licenseId}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await ada()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'contract ended' }),
    });
    expect(revoke.status).toBe(200);
    // Two days later the online check is due (checkAgainAt is at most a day after the last one).
    const later = await deploy({ deploymentId: 'contoso-revoked', clockDays: 2, dataDir: dir });
    const token = { as: VERA, ttlSeconds: 10 * 86_400 };
    await expect
      .poll(async () => (await call(later, 'GET', 'kpis', token)).body.error?.code, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe('LICENSE.REVOKED');
    const history = await call(later, 'GET', 'license/validations', { as: OLIVIA, ttlSeconds: 10 * 86_400 });
    expect(history.body.items[0]).toMatchObject({
      kind: 'online',
      outcome: 'refused',
      reasonCode: 'LICENSE.REVOKED',
    });
  });

  it('renewed key pasted: verified, stored in Key Vault, validated, in force without a restart', async () => {
    const issued = await license({ expiresAt: inDays(10), graceDays: 5 });
    const dir = join(root, 'contoso-renewed');
    await stop(
      await served(await deploy({ deploymentId: 'contoso-renewed', licenseKey: issued.key, dataDir: dir })),
    );
    const dep = await deploy({ deploymentId: 'contoso-renewed', clockDays: 20, dataDir: dir });
    const owner = { as: OLIVIA, ttlSeconds: 40 * 86_400 };
    expect((await call(dep, 'GET', 'kpis', owner)).body.error.code).toBe('LICENSE.EXPIRED');
    const renewed = await fetch(`${stack.urls.api}/license/licenses/${issued.licenseId}/renew`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await ada()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ expiresAt: inDays(400) }),
    }).then((r) => r.json() as Promise<{ key: string }>);
    // A viewer may not install keys, and a tampered key changes nothing.
    const asViewer = await call(dep, 'PUT', 'license/key', {
      as: VERA,
      ttlSeconds: 40 * 86_400,
      body: { key: renewed.key },
    });
    expect(asViewer.status).toBe(403);
    const bad = await call(dep, 'PUT', 'license/key', {
      ...owner,
      body: { key: `${renewed.key.slice(0, -4)}AAAA` },
    });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'LICENSE.SIGNATURE_INVALID']);
    expect(await dep.keyVault.getSecret('license-key')).toBe(issued.key);

    const put = await call(dep, 'PUT', 'license/key', { ...owner, body: { key: renewed.key } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ state: 'full', source: 'online', licenseId: issued.licenseId });
    expect(await dep.keyVault.getSecret('license-key')).toBe(renewed.key);
    const kpis = await call(dep, 'GET', 'kpis', owner);
    expect(kpis.status).toBe(200);
    expect(kpis.body.license.state).toBe('full');
  });

  it('heartbeat: the Monitor sees the deployment with its licence state; a remote command runs once and reports', async () => {
    const issued = await license();
    const dep = await served(await deploy({ deploymentId: 'contoso-beat', licenseKey: issued.key }));
    const monitoring = async (method: string, path: string, as: string, body?: unknown) => {
      const res = await fetch(`${stack.urls.api}/monitoring/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await stack.token(as)}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      // biome-ignore lint/suspicious/noExplicitAny: checked by the assertions
      return { status: res.status, body: (await res.json()) as any };
    };
    // Run the heartbeat timer now (the host's admin API): the first beat makes the deployment known.
    const tick = () => fetch(`${dep.host}/admin/functions/client-heartbeat?wait=true`, { method: 'POST' });
    expect((await tick()).status).toBe(200);
    const issuedCommand = await monitoring(
      'POST',
      'tenants/contoso/deployments/contoso-beat/commands',
      'sam@vendor.example',
      {
        command: { kind: 'ping' },
        reason: 'checking the new deployment',
      },
    );
    const beats = await monitoring(
      'GET',
      'tenants/contoso/deployments/contoso-beat/heartbeats',
      'sam@vendor.example',
    );
    expect(beats.status).toBe(200);
    expect(beats.body.items[0]).toMatchObject({
      deploymentId: 'contoso-beat',
      license: { state: 'full' },
      components: { 'client-app': expect.any(String) },
    });
    expect(beats.body.items[0].catalogVersion).toBeTruthy();
    if (issuedCommand.status === 201 || issuedCommand.status === 200) {
      // Delivered in the next beat's answer, run, its result posted; a third beat does not run it again.
      expect((await tick()).status).toBe(200);
      expect((await tick()).status).toBe(200);
      const commands = await monitoring(
        'GET',
        'tenants/contoso/commands?deploymentId=contoso-beat',
        'sam@vendor.example',
      );
      const ping = commands.body.items.find((c: { id: string }) => c.id === issuedCommand.body.id);
      expect(ping).toMatchObject({ state: 'succeeded', result: { ok: true, message: 'pong' } });
    } else {
      throw new Error(`command not issued: ${issuedCommand.status} ${JSON.stringify(issuedCommand.body)}`);
    }
    // rotate-credential: the licence service reissues it, the old one dies, the new one is in Key Vault and
    // the deployment goes on validating, fetching its snapshot and beating with it.
    const before = (await dep.keyVault.getSecret('deployment-credential')) as string;
    const rotate = await monitoring(
      'POST',
      'tenants/contoso/deployments/contoso-beat/commands',
      'sam@vendor.example',
      { command: { kind: 'rotate-credential' }, reason: 'credential rotation drill' },
    );
    expect(rotate.status).toBeLessThan(300);
    expect((await tick()).status).toBe(200);
    expect((await tick()).status).toBe(200);
    const after = (await dep.keyVault.getSecret('deployment-credential')) as string;
    expect(after).toMatch(/^dc_/);
    expect(after).not.toBe(before);
    const commands = await monitoring(
      'GET',
      'tenants/contoso/commands?deploymentId=contoso-beat',
      'sam@vendor.example',
    );
    expect(commands.body.items.find((c: { id: string }) => c.id === rotate.body.id)).toMatchObject({
      state: 'succeeded',
      result: { ok: true, message: `credential rotated: ${before.split('.')[0]} → ${after.split('.')[0]}` },
    });
    const validate = (credential: string) =>
      fetch(`${stack.urls.api}/license/validations`, {
        method: 'POST',
        headers: { authorization: `Deployment ${credential}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key: issued.key, deploymentId: 'contoso-beat' }),
      }).then(async (r) => [r.status, ((await r.json()) as { error?: { code: string } }).error?.code]);
    expect(await validate(before)).toEqual([401, 'LICENSE.DEPLOYMENT_DEACTIVATED']);
    expect(await validate(after)).toEqual([200, undefined]);
    const history = await call(dep, 'GET', 'license/validations', { as: OLIVIA });
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ kind: 'credential-rotated', outcome: 'ok' }),
    );
    // The next beat reads the new credential from Key Vault, and monitoring takes it.
    const count = async () =>
      (await monitoring('GET', 'tenants/contoso/deployments/contoso-beat/heartbeats', 'sam@vendor.example'))
        .body.items.length as number;
    const beatsBefore = await count();
    expect((await tick()).status).toBe(200);
    expect(await count()).toBe(beatsBefore + 1);
  });
});

describe('OpenAPI', { timeout: 180_000 }, () => {
  // Every route with who may call it and the statuses it answers besides 200 (licence refusals are 403).
  const routes: Record<string, { roles: unknown; statuses: number[] }> = {
    'GET /api/client-app/health': { roles: 'public', statuses: [] },
    'GET /api/client-app/openapi.json': { roles: 'public', statuses: [] },
    'GET /api/client-app/license': { roles: READERS, statuses: [401, 403] },
    'GET /api/client-app/license/validations': { roles: ADMINS, statuses: [400, 401, 403] },
    'PUT /api/client-app/license/key': { roles: ADMINS, statuses: [401, 403, 413, 415, 422] },
    'GET /api/client-app/kpis': { roles: READERS, statuses: [401, 403, 503] },
    'GET /api/client-app/kpis/{kpiId}': { roles: READERS, statuses: [401, 403, 404, 503] },
  };

  it('describes exactly the HTTP functions the host registered, each with its roles and statuses', async () => {
    const dep =
      firstStarted ?? (await deploy({ deploymentId: 'contoso-openapi', licenseKey: (await license()).key }));
    const doc = (await call(dep, 'GET', 'openapi.json')).body as {
      openapi: string;
      paths: Record<string, Record<string, { summary?: string; 'x-roles'?: unknown; responses: object }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([m, op]) => [`${m.toUpperCase()} ${path}`, op] as const),
    );
    const functions = (await (await fetch(`${dep.host}/admin/functions`)).json()) as {
      app: string;
      trigger: string;
      route?: string;
      methods?: string[];
    }[];
    const http = functions.filter((f) => f.app === 'client-app' && f.trigger === 'httpTrigger');
    // The fallback (`{*path}`: preflight, 404, 405) is the one HTTP function the document leaves out.
    const isFallback = (f: { route?: string }) => f.route === 'client-app/{*path}';
    expect(http.filter(isFallback)).toHaveLength(1);
    const registered = http
      .filter((f) => !isFallback(f))
      .flatMap((f) => (f.methods ?? []).map((m) => `${m.toUpperCase()} /api/${f.route}`));
    expect(documented.map(([k]) => k).sort()).toEqual(registered.sort());
    expect(registered.sort()).toEqual(Object.keys(routes).sort());
    for (const [route, op] of documented) {
      const expected = routes[route] as { roles: unknown; statuses: number[] };
      expect(op.summary, route).toBeTruthy();
      expect([route, op['x-roles']]).toEqual([route, expected.roles]);
      expect(Object.keys(op.responses), route).toEqual(
        expect.arrayContaining(['200', ...expected.statuses.map(String)]),
      );
    }
  });
});

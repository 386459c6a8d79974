/**
 * The built client-app package itself, run by a client deployment's host as Azure runs it (run-from-package):
 * packaged with the packaging code (minified bundle, start-up guard, signed manifest carrying the vendor's
 * licence keys and the version), its app zip unpacked outside the repository and loaded instead of the
 * source. It verifies its manifest, trusts the licence keys signed into it (the app setting is set to an
 * empty JWKS to prove it), reports the package's version, and serves its licence and KPIs. One byte changed
 * and the host refuses to load it, with the `PACKAGE.*` code.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { newKeyRing } from '@kpi/shared/license/key-ring';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackageResult, packageClient } from '../build/package-client';
import { apiAudience, type Stack, startStack } from '../stack';
import { type ClientDeployment, startClientDeployment } from './client-deployment';
import { issueLicense } from './issue-license';

const repoRoot = resolve(__dirname, '..', '..');
const VERSION = '0.9.1+package-test';
const KPIS = ['gross-margin', 'otif-rate'];

let stack: Stack;
let root: string;
let packaged: PackageResult;
let licenseKey: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kpi-client-package-'));
  stack = await startStack({ dataDir: join(root, 'vendor'), ports: 'free' });
  const jwks = (await (await fetch(`${stack.urls.api}/license/jwks`)).json()) as { keys: [] };
  packaged = await packageClient({
    apps: [{ name: 'client-app', dir: join(repoRoot, 'functions', 'client-app') }],
    uis: [],
    version: VERSION,
    ring: newKeyRing(new Date()),
    hostJson: join(repoRoot, 'host.json'),
    licenseJwks: jwks,
    outRoot: join(root, 'package'),
  });
  licenseKey = (
    await issueLicense({
      api: stack.urls.api,
      adminToken: () => stack.token('ada@vendor.example'),
      tenantId: 'contoso',
      configurationId: 'cfg-package-tests',
      kpiIds: KPIS,
      expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
    })
  ).key;
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Unpacks the app's run-from-package zip into a fresh folder (what Azure mounts as wwwroot). */
async function unpack(): Promise<string> {
  const dir = await mkdtemp(join(root, 'wwwroot-'));
  const zip = packaged.appArchives['client-app'] as string;
  for (const [path, bytes] of Object.entries(unzipSync(new Uint8Array(await readFile(zip))))) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  return dir;
}

const deploy = (deploymentId: string, appDir: string) =>
  startClientDeployment({
    tenantId: 'contoso',
    deploymentId,
    vendorApi: stack.urls.api,
    authIssuer: stack.urls.issuer,
    authAudience: apiAudience,
    licenseKey,
    dataDir: join(root, deploymentId),
    packagedApps: { 'client-app': appDir },
    // Were the app to trust this setting, every key would be refused with LICENSE.UNKNOWN_KEY_ID.
    workerEnv: { LICENSE_TRUSTED_JWKS: '{"keys":[]}' },
    ...(process.env.CLIENT_TEST_LOG ? { log: (l: string) => console.log(l) } : {}),
  });

async function get(dep: ClientDeployment, path: string) {
  const res = await fetch(`${dep.api}/client-app/${path}`, {
    headers: { authorization: `Bearer ${await stack.token('vera@contoso.example')}` },
  });
  // biome-ignore lint/suspicious/noExplicitAny: checked by the assertions
  return { status: res.status, body: (await res.json()) as any };
}

describe('the packaged client-app under a client deployment host', { timeout: 240_000 }, () => {
  it('verifies its manifest, trusts the licence keys signed into it, and serves licence and KPIs', async () => {
    expect(packaged.manifest.licenseJwks?.keys.length).toBeGreaterThan(0);
    const dep = await deploy('contoso-packaged', await unpack());
    try {
      // A first start waits for the vendor (activation, validation, snapshot); a busy machine may need retries.
      await expect
        .poll(async () => (await get(dep, 'kpis')).status, { timeout: 90_000, interval: 1000 })
        .toBe(200);
      const kpis = await get(dep, 'kpis');
      expect(kpis.body.items.map((k: { id: string }) => k.id)).toEqual(KPIS);
      expect(kpis.body.license).toMatchObject({ state: 'full' });
      const license = await get(dep, 'license');
      expect([license.status, license.body.state, license.body.source]).toEqual([200, 'full', 'online']);
      const health = await get(dep, 'health');
      expect(health.body).toMatchObject({ status: 'ok', appVersion: VERSION });
    } finally {
      await dep.stop();
    }
  });

  it('refuses to start when one byte of the bundle changed, with PACKAGE.FILE_MODIFIED', async () => {
    const dir = await unpack();
    const bundle = join(dir, 'app.js');
    const bytes = await readFile(bundle);
    bytes[1000] = (bytes[1000] as number) ^ 0x01;
    await writeFile(bundle, bytes);
    await expect(deploy('contoso-tampered-package', dir)).rejects.toThrow(
      /Function app 'client-app' failed to load: .*PACKAGE\.FILE_MODIFIED: apps\/client-app\/app\.js differs from the manifest/,
    );
  });
});

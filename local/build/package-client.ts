/**
 * Builds a client deployment as one versioned artefact, `<outRoot>/kpi-client-<version>/`:
 *
 *   apps/<app>/index.js        start-up guard: verifies the package, then requires app.js
 *   apps/<app>/app.js          the app, one minified self-contained bundle (+ app.js.LEGAL.txt, assets)
 *   apps/<app>/host.json, package.json (main: index.js), manifest.json + manifest.sig (copies)
 *   web/<ui>/…                 the UI's production build
 *   manifest.json              name, version, builtAt, target, apps, uis, files [{ path, sha256, bytes }],
 *                              licenseJwks (the vendor's licence keys, when given)
 *   manifest.sig               detached JWS (EdDSA, kid) over manifest.json's bytes, by the release key
 *
 * plus `kpi-client-<version>.zip` (the whole artefact) and `kpi-client-<version>-<app>.zip` per app (the
 * run-from-package zip of `apps/<app>/`), and `release-keys.jwks.json` (the public keys the guards trust).
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type KeyRing, privateKeyObject, publicJwks, signingKey } from '@kpi/shared/license/key-ring';
import {
  MANIFEST_FILE,
  type ManifestFile,
  manifestBytes,
  type ReleaseManifest,
  SIGNATURE_FILE,
  sha256Hex,
  signManifest,
  type TrustedKey,
} from '@kpi/shared/platform/package/release-manifest';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { buildUi, type UiName } from '../web/build-ui';
import { buildFunctionApp } from './build-function-app';

/** Azure's Flex Consumption workers: the bundles and any native binding must match them. */
export const clientTarget = { platform: 'linux', arch: 'x64', node: '22' } as const;

export interface PackageClientOptions {
  /** The Function apps to package (the declared client apps that exist, or a test's fixture). */
  apps: { name: string; dir: string }[];
  /** The UIs to build into `web/<ui>/` (the client deployment has `client`; tests may pass none). */
  uis: UiName[];
  version: string;
  /** Signs the manifest with its current key; its published keys are embedded in every guard. */
  ring: KeyRing;
  hostJson: string;
  /**
   * The vendor's published licence keys (`GET /api/license/jwks`), signed into the manifest: a packaged
   * client-app trusts these for licence keys and snapshots instead of the `LICENSE_TRUSTED_JWKS` setting.
   */
  licenseJwks?: { keys: TrustedKey[] };
  /** Where the artefact folder and archives go. */
  outRoot: string;
  now?: Date;
}

export interface PackagedPart {
  /** `apps/<name>` or `web/<name>`. */
  path: string;
  files: number;
  bytes: number;
}

export interface PackageResult {
  dir: string;
  archive: string;
  appArchives: Record<string, string>;
  manifest: ReleaseManifest;
  /** SHA-256 (hex) of manifest.json's bytes: what a release note quotes. */
  manifestSha256: string;
  kid: string;
  parts: PackagedPart[];
  archiveBytes: number;
}

/** Builds, seals and archives one client package. */
export async function packageClient(o: PackageClientOptions): Promise<PackageResult> {
  const name = 'kpi-client';
  const base = `${name}-${o.version}`;
  const dir = join(o.outRoot, base);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const now = o.now ?? new Date();
  const jwks = publicJwks(o.ring, now);

  for (const app of o.apps) {
    const appDir = join(dir, 'apps', app.name);
    await buildFunctionApp(app, o.hostJson, appDir, { bundleName: 'app.js', minify: true });
    await buildGuard(app.name, appDir, jwks);
  }
  for (const ui of o.uis) await buildUi(ui, { force: true, outDir: join(dir, 'web', ui), logLevel: 'warn' });

  const sealed = await sealArtefact(dir, {
    name,
    version: o.version,
    builtAt: now.toISOString(),
    apps: o.apps.map((a) => a.name),
    uis: [...o.uis],
    ring: o.ring,
    ...(o.licenseJwks ? { licenseJwks: o.licenseJwks } : {}),
  });
  await writeFile(join(o.outRoot, 'release-keys.jwks.json'), `${JSON.stringify(jwks, null, 2)}\n`);

  const archive = join(o.outRoot, `${base}.zip`);
  const archiveBytes = await zipFolder(dir, archive, `${base}/`);
  const appArchives: Record<string, string> = {};
  for (const app of o.apps) {
    appArchives[app.name] = join(o.outRoot, `${base}-${app.name}.zip`);
    await zipFolder(join(dir, 'apps', app.name), appArchives[app.name] as string, '');
  }
  const parts = [...o.apps.map((a) => `apps/${a.name}`), ...o.uis.map((u) => `web/${u}`)].map((path) => {
    const files = sealed.manifest.files.filter((f) => f.path.startsWith(`${path}/`));
    return { path, files: files.length, bytes: files.reduce((n, f) => n + f.bytes, 0) };
  });
  return { dir, archive, appArchives, archiveBytes, parts, ...sealed };
}

/** The guard bundle, `apps/<app>/index.js`, with the app's name and the trusted public keys inlined. */
async function buildGuard(app: string, appDir: string, jwks: { keys: unknown[] }): Promise<void> {
  await build({
    entryPoints: [join(__dirname, 'package-guard.ts')],
    outfile: join(appDir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    external: ['./app.js'],
    define: { __PACKAGE_APP__: JSON.stringify(app), __RELEASE_JWKS__: JSON.stringify(jwks) },
  });
}

export interface SealInput {
  name: string;
  version: string;
  builtAt: string;
  apps: string[];
  uis: string[];
  ring: KeyRing;
  licenseJwks?: { keys: TrustedKey[] };
}

/**
 * Hashes every file under `dir` into manifest.json, signs it into manifest.sig, and copies both into each
 * `apps/<app>/` (a run-from-package folder sees only itself). Exported for the unit test of the hashing.
 */
export async function sealArtefact(
  dir: string,
  input: SealInput,
): Promise<{ manifest: ReleaseManifest; manifestSha256: string; kid: string }> {
  const files: ManifestFile[] = [];
  for (const path of (await listFiles(dir)).sort()) {
    // The manifest and its copies in each app folder (a previous seal's) are not listed in it.
    const name = path.replace(/^apps\/[^/]+\//, '');
    if (name === MANIFEST_FILE || name === SIGNATURE_FILE) continue;
    const bytes = await readFile(join(dir, path));
    files.push({ path, sha256: sha256Hex(bytes), bytes: bytes.length });
  }
  const { ring, ...meta } = input;
  const manifest: ReleaseManifest = { ...meta, target: { ...clientTarget }, files };
  const bytes = manifestBytes(manifest);
  const key = signingKey(ring, 'release key ring');
  const signature = `${signManifest(bytes, key.kid, privateKeyObject(key))}\n`;
  for (const target of ['.', ...manifest.apps.map((a) => join('apps', a))]) {
    await writeFile(join(dir, target, MANIFEST_FILE), bytes);
    await writeFile(join(dir, target, SIGNATURE_FILE), signature);
  }
  return { manifest, manifestSha256: sha256Hex(bytes), kid: key.kid };
}

/** Every file below `dir`, `/`-separated and relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/** Zips `dir` into `zipFile` under `prefix`; returns the archive's size. */
async function zipFolder(dir: string, zipFile: string, prefix: string): Promise<number> {
  const entries: Record<string, Uint8Array> = {};
  for (const path of (await listFiles(dir)).sort())
    entries[`${prefix}${path}`] = await readFile(join(dir, path));
  // A fixed time: the same files give the same archive.
  await writeFile(zipFile, zipSync(entries, { level: 9, mtime: new Date('2020-01-01T00:00:00Z') }));
  return (await stat(zipFile)).size;
}

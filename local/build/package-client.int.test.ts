/**
 * The built client package itself, run by the local host as Azure runs a deployment package: a fixture
 * Function app (standing in for the client apps, packaged exactly as they are) is packaged with a release
 * key, its run-from-package zip is unpacked outside the repository and loaded by the host. A package with
 * one byte changed, or whose manifest was edited, refuses to start before any of the app's code runs.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { newKeyRing } from '@kpi/shared/license/key-ring';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHost, startHost } from '../host/host';
import { freePort } from '../net';
import { type PackageResult, packageClient } from './package-client';

const repoRoot = join(__dirname, '..', '..');
const hostJson = join(repoRoot, 'host.json');
const loadedLine = 'packaged fixture: app code loaded';
let outRoot: string;
let result: PackageResult;

beforeAll(async () => {
  outRoot = await mkdtemp(join(tmpdir(), 'kpi-package-'));
  result = await packageClient({
    apps: [{ name: 'packaged', dir: join(__dirname, 'fixtures', 'packaged') }],
    uis: [],
    version: '0.0.1+test',
    ring: newKeyRing(new Date()),
    hostJson,
    outRoot,
  });
});

afterAll(async () => {
  await rm(outRoot, { recursive: true, force: true });
});

/** Unpacks the app's run-from-package zip into a fresh folder (what Azure mounts as wwwroot). */
async function unpackApp(): Promise<string> {
  const dir = await mkdtemp(join(outRoot, 'wwwroot-'));
  const entries = unzipSync(new Uint8Array(await readFile(result.appArchives.packaged as string)));
  for (const [path, bytes] of Object.entries(entries)) {
    const file = join(dir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }
  return dir;
}

/** Starts the host on the app folder; the log lines, and the host or its load error. */
async function run(
  dir: string,
): Promise<{ host?: RunningHost; error?: Error; lines: string[]; port: number }> {
  const lines: string[] = [];
  const port = await freePort();
  const started: { host?: RunningHost; error?: Error } = await startHost({
    port,
    hostJsonPath: hostJson,
    log: (line) => lines.push(line),
    apps: [{ name: 'packaged', dir, settings: {} }],
  }).then(
    (host) => ({ host }),
    (error: Error) => ({ error }),
  );
  return { ...started, lines, port };
}

async function flipOneByte(file: string, at: number): Promise<void> {
  const bytes = await readFile(file);
  bytes[at] = (bytes[at] as number) ^ 0x01;
  await writeFile(file, bytes);
}

describe('the packaged Function app', () => {
  it('starts from its run-from-package zip under the local host and serves its routes', async () => {
    const { host, error, lines } = await run(await unpackApp());
    expect(error).toBeUndefined();
    try {
      const res = await fetch(`${host?.url}/api/packaged/hello`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ hello: 'from the package' });
      expect(lines.some((l) => l.includes(loadedLine))).toBe(true);
    } finally {
      await host?.stop();
    }
  });

  it('is minified, carries no source map, and its manifest states target and sizes', async () => {
    const files = result.manifest.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining(['apps/packaged/index.js', 'apps/packaged/app.js', 'apps/packaged/host.json']),
    );
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
    expect(result.manifest.target).toEqual({ platform: 'linux', arch: 'x64', node: '22' });
    const app = await readFile(join(result.dir, 'apps', 'packaged', 'app.js'), 'utf8');
    // Minified: a handful of long lines, not one statement a line.
    expect(app.split('\n').length).toBeLessThan(50);
    const entry = result.manifest.files.find((f) => f.path === 'apps/packaged/app.js');
    expect(entry?.bytes).toBe(Buffer.byteLength(app));
  });

  it('refuses to start when one byte of its bundle changed, and serves nothing', async () => {
    const dir = await unpackApp();
    await flipOneByte(join(dir, 'app.js'), 100);
    const { host, error, lines, port } = await run(dir);
    await host?.stop();
    expect(error?.message).toMatch(
      /Function app 'packaged' failed to load: .*PACKAGE\.FILE_MODIFIED: apps\/packaged\/app\.js differs from the manifest/,
    );
    expect(lines.some((l) => l.includes(loadedLine))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/api/packaged/hello`)).rejects.toThrow();
  });

  it('refuses to start when its manifest was edited', async () => {
    const dir = await unpackApp();
    const manifest = join(dir, 'manifest.json');
    const text = await readFile(manifest, 'utf8');
    await flipOneByte(manifest, text.indexOf('0.0.1'));
    const { host, error, lines } = await run(dir);
    await host?.stop();
    expect(error?.message).toMatch(
      /failed to load: .*PACKAGE\.MANIFEST_INVALID: the signature does not verify/,
    );
    expect(lines.some((l) => l.includes(loadedLine))).toBe(false);
  });
});

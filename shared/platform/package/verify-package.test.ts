import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type KeyRing, newKeyRing, privateKeyObject, publicJwks, signingKey } from '../../license/key-ring';
import { manifestBytes, type ReleaseManifest, signManifest } from './release-manifest';
import { PackageError, verifyArtefact, verifyPackagedApp } from './verify-package';

const NOW = new Date('2026-12-07T12:00:00Z');
const ring = newKeyRing(NOW);
const trusted = publicJwks(ring, NOW).keys;
const here = { platform: 'linux', arch: 'x64' };

// A small artefact: one app and a UI, sealed the way the packager seals one (hash, sign, copy in).
const appFiles: Record<string, string> = {
  'index.js': 'require("./app.js")',
  'app.js': 'console.log("app")',
  'package.json': '{"main":"index.js"}',
  'standard-fonts/Helvetica.cjs': 'module.exports = 1',
};
const uiFiles: Record<string, string> = { 'index.html': '<!doctype html>', 'assets/app-1a2b.js': 'alert(1)' };

let root: string;
const appDir = () => join(root, 'apps', 'client-app');

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function seal(signer: KeyRing = ring, edit: (m: ReleaseManifest) => void = () => {}): void {
  const files = [
    ...Object.entries(appFiles).map(([p, t]) => [`apps/client-app/${p}`, t] as const),
    ...Object.entries(uiFiles).map(([p, t]) => [`web/client/${p}`, t] as const),
  ]
    .map(([path, text]) => ({
      path,
      sha256: createHash('sha256').update(text).digest('hex'),
      bytes: Buffer.byteLength(text),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
  const manifest: ReleaseManifest = {
    name: 'kpi-client',
    version: '1.2.3+abc1234',
    builtAt: NOW.toISOString(),
    target: { platform: 'linux', arch: 'x64', node: '22' },
    apps: ['client-app'],
    uis: ['client'],
    files,
  };
  edit(manifest);
  const bytes = manifestBytes(manifest);
  const key = signingKey(signer);
  const sig = signManifest(bytes, key.kid, privateKeyObject(key));
  for (const dir of [root, appDir()]) {
    write(join(dir, 'manifest.json'), bytes.toString('utf8'));
    write(join(dir, 'manifest.sig'), sig);
  }
}

const verifyApp = () => verifyPackagedApp(appDir(), 'client-app', { trusted, ...here });

/** The PackageError `run` throws (fails the test when it throws nothing or something else). */
function packageError(run: () => unknown): PackageError {
  try {
    run();
  } catch (err) {
    if (err instanceof PackageError) return err;
    throw err;
  }
  throw new Error('expected a PackageError, nothing was thrown');
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-verify-'));
  for (const [p, t] of Object.entries(appFiles)) write(join(appDir(), p), t);
  for (const [p, t] of Object.entries(uiFiles)) write(join(root, 'web', 'client', p), t);
  seal();
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('a packaged app', () => {
  it('verifies when signed by a trusted key and every file matches', () => {
    expect(verifyApp()).toEqual({ version: '1.2.3+abc1234', kid: signingKey(ring).kid, files: 4 });
  });

  it('is refused when the manifest is signed by a key that is not trusted', () => {
    seal(newKeyRing(NOW));
    const err = packageError(verifyApp);
    expect(err.code).toBe('PACKAGE.MANIFEST_INVALID');
    expect(err.message).toMatch(/^PACKAGE\.MANIFEST_INVALID: key .* is not a trusted release key/);
  });

  it('is refused when one byte of the manifest is edited after signing', () => {
    const file = join(appDir(), 'manifest.json');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('1.2.3');
    bytes[at] = '9'.charCodeAt(0);
    writeFileSync(file, bytes);
    const err = packageError(verifyApp);
    expect(err.code).toBe('PACKAGE.MANIFEST_INVALID');
    expect(err.message).toMatch(/does not verify/);
  });

  it('is refused when the signature is missing or not a detached JWS', () => {
    unlinkSync(join(appDir(), 'manifest.sig'));
    expect(packageError(verifyApp).code).toBe('PACKAGE.MANIFEST_INVALID');
    const [h, , s] = readFileSync(join(root, 'manifest.sig'), 'utf8').split('.');
    writeFileSync(join(appDir(), 'manifest.sig'), `${h}.eyJ4IjoxfQ.${s}`);
    expect(packageError(verifyApp).message).toMatch(/not a detached JWS/);
  });

  it('is refused, naming the file, when one byte of a file changes (same size)', () => {
    const file = join(appDir(), 'app.js');
    const bytes = readFileSync(file);
    bytes[0] = (bytes[0] as number) ^ 1;
    writeFileSync(file, bytes);
    const err = packageError(verifyApp);
    expect(err.code).toBe('PACKAGE.FILE_MODIFIED');
    expect(err.message).toBe('PACKAGE.FILE_MODIFIED: apps/client-app/app.js differs from the manifest');
    expect(err.details).toMatchObject({ path: 'apps/client-app/app.js', actual: { bytes: bytes.length } });
  });

  it('is refused when a file in a subfolder is missing', () => {
    unlinkSync(join(appDir(), 'standard-fonts', 'Helvetica.cjs'));
    const err = packageError(verifyApp);
    expect(err.code).toBe('PACKAGE.FILE_MISSING');
    expect(err.message).toMatch(/apps\/client-app\/standard-fonts\/Helvetica\.cjs is missing/);
  });

  it('is refused when a file the manifest does not list was added', () => {
    write(join(appDir(), 'node_modules', 'evil', 'index.js'), 'x');
    const err = packageError(verifyApp);
    expect(err.code).toBe('PACKAGE.FILE_UNEXPECTED');
    expect(err.message).toMatch(/apps\/client-app\/node_modules\/evil\/index\.js is not in the manifest/);
  });

  it('is refused on another platform than the one the package was built for', () => {
    const err = packageError(() =>
      verifyPackagedApp(appDir(), 'client-app', { trusted, platform: 'linux', arch: 'arm64' }),
    );
    expect(err.code).toBe('PACKAGE.TARGET_MISMATCH');
    expect(err.message).toMatch(/built for linux-x64, this is linux-arm64/);
  });

  it('is refused when the manifest does not list the app (a folder renamed into another app)', () => {
    expect(
      packageError(() => verifyPackagedApp(appDir(), 'connector', { trusted, ...here })).message,
    ).toMatch(/does not list the app connector/);
  });

  it('is refused when the signed manifest lacks a part the verifier needs', () => {
    seal(ring, (m) => {
      (m as Partial<ReleaseManifest>).files = undefined;
    });
    expect(packageError(verifyApp).message).toMatch(/lacks version, apps, target or files/);
  });

  it('checks only its own folder: a changed UI file does not stop the app', () => {
    writeFileSync(join(root, 'web', 'client', 'index.html'), '<!doctype html><script>');
    expect(verifyApp().files).toBe(4);
  });
});

describe('a whole artefact', () => {
  it('verifies, the app folders’ manifest copies included', () => {
    expect(verifyArtefact(root, { trusted, ...here }).files).toBe(6);
  });

  it('is refused when one byte of a UI file changes', () => {
    const file = join(root, 'web', 'client', 'assets', 'app-1a2b.js');
    writeFileSync(file, 'alert(2)');
    const err = packageError(() => verifyArtefact(root, { trusted, ...here }));
    expect(err.code).toBe('PACKAGE.FILE_MODIFIED');
    expect(err.message).toMatch(/web\/client\/assets\/app-1a2b\.js/);
  });
});

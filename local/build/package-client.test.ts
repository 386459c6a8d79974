import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { newKeyRing, publicJwks } from '@kpi/shared/license/key-ring';
import { verifyArtefact, verifyPackagedApp } from '@kpi/shared/platform/package/verify-package';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientAppsOnDisk, declaredClientApps } from './client-apps';
import { sealArtefact } from './package-client';

const NOW = new Date('2026-12-07T12:00:00Z');
const ring = newKeyRing(NOW);
const options = { trusted: publicJwks(ring, NOW).keys, platform: 'linux', arch: 'x64' };
let dir: string;

const write = (path: string, content: string | Buffer) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
};
const seal = () =>
  sealArtefact(dir, {
    name: 'kpi-client',
    version: '1.0.0',
    builtAt: NOW.toISOString(),
    apps: ['client-app'],
    uis: ['client'],
    ring,
  });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-seal-'));
  write('apps/client-app/index.js', 'require("./app.js")');
  write('apps/client-app/app.js', 'module.exports = 1');
  // A Client UI build as Vite writes it: an HTML page, hashed assets, binary files.
  write('web/client/index.html', '<!doctype html><script src="/assets/index-Ab12.js"></script>');
  write('web/client/assets/index-Ab12.js', 'console.log(1)');
  write('web/client/assets/logo-Cd34.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sealing an artefact', () => {
  it('lists every UI file with its SHA-256 and size, sorted, and no manifest among them', async () => {
    const { manifest, manifestSha256 } = await seal();
    const ui = manifest.files.filter((f) => f.path.startsWith('web/client/'));
    const expected = [
      'web/client/assets/index-Ab12.js',
      'web/client/assets/logo-Cd34.png',
      'web/client/index.html',
    ];
    expect(ui.map((f) => f.path)).toEqual(expected);
    for (const f of ui) {
      const bytes = readFileSync(join(dir, f.path));
      expect(f).toEqual({
        path: f.path,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
      });
    }
    expect(manifest.files.map((f) => f.path)).not.toContain('manifest.json');
    expect(manifest.target).toEqual({ platform: 'linux', arch: 'x64', node: '22' });
    const written = readFileSync(join(dir, 'manifest.json'));
    expect(createHash('sha256').update(written).digest('hex')).toBe(manifestSha256);
    // Each app folder holds the same manifest and signature: it is deployed on its own.
    expect(readFileSync(join(dir, 'apps', 'client-app', 'manifest.json'))).toEqual(written);
  });

  it('gives an artefact and app folders that verify, and a changed UI byte that does not', async () => {
    await seal();
    expect(verifyArtefact(dir, options).files).toBe(5);
    expect(verifyPackagedApp(join(dir, 'apps', 'client-app'), 'client-app', options).files).toBe(2);
    const png = readFileSync(join(dir, 'web/client/assets/logo-Cd34.png'));
    png[7] = 254;
    writeFileSync(join(dir, 'web/client/assets/logo-Cd34.png'), png);
    expect(() => verifyArtefact(dir, options)).toThrow(
      'PACKAGE.FILE_MODIFIED: web/client/assets/logo-Cd34.png differs from the manifest',
    );
  });

  it('re-sealing after a change lists the new bytes (the manifest is never reused)', async () => {
    const first = await seal();
    write('web/client/index.html', '<!doctype html>');
    const second = await seal();
    expect(second.manifestSha256).not.toBe(first.manifestSha256);
    expect(verifyArtefact(dir, options).files).toBe(5);
  });
});

describe('the client apps declaration', () => {
  const repoRoot = join(__dirname, '..', '..');

  it('declares client-app in bicep/client-function-apps.json', () => {
    expect(declaredClientApps(repoRoot)).toContain('client-app');
  });

  it('packages the declared apps that exist under functions/ and names the rest', () => {
    mkdirSync(join(dir, 'functions', 'client-app'), { recursive: true });
    writeFileSync(join(dir, 'functions', 'client-app', 'index.ts'), '');
    mkdirSync(join(dir, 'functions', 'mapping'), { recursive: true });
    const { present, absent } = clientAppsOnDisk(dir, ['client-app', 'connector', 'mapping']);
    expect(present).toEqual([{ name: 'client-app', dir: join(dir, 'functions', 'client-app') }]);
    expect(absent).toEqual(['connector', 'mapping']);
  });

  it('refuses a declaration with a duplicate or malformed name', () => {
    mkdirSync(join(dir, 'bicep'));
    writeFileSync(
      join(dir, 'bicep', 'client-function-apps.json'),
      '{"apps":[{"name":"x-app"},{"name":"x-app"}]}',
    );
    expect(() => declaredClientApps(dir)).toThrow(/app names must be unique/);
    writeFileSync(join(dir, 'bicep', 'client-function-apps.json'), '{"apps":[{"name":"../etc"}]}');
    expect(() => declaredClientApps(dir)).toThrow(/apps\.0\.name: a lower-case folder name/);
  });
});

import { mkdtemp, readdir, readFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUi } from './build-ui';

// Builds the real Config UI with Vite's JS API into a temporary folder.

let outDir: string;

beforeAll(async () => {
  outDir = join(await mkdtemp(join(tmpdir(), 'kpi-build-ui-')), 'dist');
});

afterAll(async () => {
  await rm(resolve(outDir, '..'), { recursive: true, force: true });
});

describe('buildUi', () => {
  it('builds index.html with hashed, code-split assets and no baked-in settings', async () => {
    const result = await buildUi('config', { outDir, force: true, logLevel: 'silent' });
    expect(result).toEqual({ app: 'config', distDir: outDir, built: true });
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]{8}\.js"><\/script>/);
    const assets = await readdir(join(outDir, 'assets'));
    // The catalog page is its own chunk (route code-splitting).
    expect(assets.some((f) => /^CatalogPage-[\w-]{8}\.js$/.test(f))).toBe(true);
    const js = await Promise.all(
      assets.filter((f) => f.endsWith('.js')).map((f) => readFile(join(outDir, 'assets', f), 'utf8')),
    );
    expect(js.join('\n')).toContain('config.json');
    expect(js.join('\n')).not.toContain('127.0.0.1:7071');
    expect(await readdir(outDir)).toContain('favicon.svg');
  });

  it('keeps the initial JavaScript within budget, as a production build (not React development)', async () => {
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    const entry = /src="\/(assets\/index-[\w-]{8}\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const code = await readFile(join(outDir, entry!));
    // Vitest runs with NODE_ENV=test; a development React build would be several times larger.
    expect(code.toString()).not.toContain('react-stack-bottom-frame');
    expect(code.toString()).not.toContain('jsxDEV');
    expect(gzipSync(code).length).toBeLessThan(300 * 1024);
    expect(code.length).toBeLessThan(400 * 1024);
  });

  it('skips the build while the output is newer than every source, and rebuilds when a source changes', async () => {
    const skipped = await buildUi('config', { outDir, logLevel: 'silent' });
    expect(skipped.built).toBe(false);

    // Make the build look older than the sources instead of touching a tracked file.
    const old = new Date(Date.now() - 365 * 24 * 3600 * 1000);
    await utimes(join(outDir, 'index.html'), old, old);
    const rebuilt = await buildUi('config', { outDir, logLevel: 'silent' });
    expect(rebuilt.built).toBe(true);
  });

  it('skips the next build after one into its own web/<app>/dist (the swap there is not a source change)', async () => {
    await buildUi('client', { force: true, logLevel: 'silent' });
    expect((await buildUi('client', { logLevel: 'silent' })).built).toBe(false);
  });

  it('rejects an unknown UI name', async () => {
    // @ts-expect-error: not a UI name
    await expect(buildUi('admin')).rejects.toThrow(/UI.UNKNOWN/);
  });
});

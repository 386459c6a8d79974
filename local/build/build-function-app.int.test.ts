/**
 * The deployable folder of a Function app stands on its own: copied out of the repository (no
 * node_modules anywhere above it) and loaded by plain Node with the worker's `@azure/functions-core`, it
 * registers exactly the functions the local host serves from the source.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOW_FONT_DIR, sowFontFiles } from '../../functions/demo-config/sow/pdf-fonts';
import { discoverApps } from '../host/host';
import { buildFunctionApp } from './build-function-app';

const repoRoot = join(__dirname, '..', '..');
let outRoot: string;
let lister: string;

beforeAll(async () => {
  outRoot = await mkdtemp(join(tmpdir(), 'kpi-build-'));
  lister = join(outRoot, 'list-registrations.js');
  await build({
    entryPoints: [join(__dirname, 'list-registrations.ts')],
    outfile: lister,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
});

afterAll(async () => {
  await rm(outRoot, { recursive: true, force: true });
});

describe.each(discoverApps(join(repoRoot, 'functions')))('the $name app build', (app) => {
  it('has a bundle, host.json and a package.json naming the bundle', async () => {
    const dist = join(outRoot, app.name);
    const built = await buildFunctionApp(app, join(repoRoot, 'host.json'), dist);
    expect(built.bundleBytes).toBeGreaterThan(1000);
    const manifest = JSON.parse(await readFile(join(dist, 'package.json'), 'utf8')) as { main: string };
    expect(manifest.main).toBe('index.js');
    expect(JSON.parse(await readFile(join(dist, 'host.json'), 'utf8')).version).toBe('2.0');

    const out = execFileSync(process.execPath, [lister, join(dist, 'index.js')], {
      cwd: dist,
      encoding: 'utf8',
    });
    const functions = JSON.parse(out) as { name: string; bindings: string[] }[];
    expect(functions.length).toBeGreaterThan(1);
    const names = functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(functions.some((f) => f.bindings.includes('httpTrigger'))).toBe(true);
  });

  it('carries the files its packages load at run time, resolvable from the bundle', async () => {
    const dist = join(outRoot, app.name);
    const manifest = JSON.parse(await readFile(join(dist, 'package.json'), 'utf8')) as {
      imports?: Record<string, string>;
    };
    const bundle = await readFile(join(dist, 'index.js'), 'utf8');
    // pdfkit's fonts are the one such case today: present exactly when pdfkit is bundled.
    expect(Boolean(manifest.imports?.['#standard-fonts/*'])).toBe(bundle.includes('#standard-fonts/'));
    if (manifest.imports?.['#standard-fonts/*']) {
      const probe = `require('node:module').createRequire(${JSON.stringify(join(dist, 'index.js'))})('#standard-fonts/Helvetica')`;
      const out = execFileSync(process.execPath, ['-e', `process.stdout.write(typeof ${probe})`], {
        cwd: dist,
        encoding: 'utf8',
      });
      expect(out).not.toBe('undefined');
    }
  });

  it('carries the SOW PDF fonts beside the bundle exactly when it draws PDFs with them', async () => {
    const dist = join(outRoot, app.name);
    const bundle = await readFile(join(dist, 'index.js'), 'utf8');
    const fonts = await readdir(join(dist, SOW_FONT_DIR)).catch(() => []);
    const expected = Object.values(sowFontFiles).map((f) => f.file.split('/').pop() as string);
    // The bundle finds them through this folder name; the packages themselves are not deployed.
    expect(fonts.sort()).toEqual(bundle.includes(`"${SOW_FONT_DIR}"`) ? expected.sort() : []);
    if (app.name === 'demo-config') expect(fonts).toHaveLength(expected.length);
  });
});

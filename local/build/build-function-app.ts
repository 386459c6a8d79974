/**
 * Builds one Function app into a deployable folder, `functions/<app>/dist`: one self-contained CommonJS
 * bundle (every dependency inside, since the deployment carries no node_modules; only
 * `@azure/functions-core`, which the Azure worker provides, stays out), host.json, and a minimal
 * package.json whose `main` names the bundle.
 */
import { copyFile, cp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { build } from 'esbuild';
import { SOW_FONT_DIR, sowFontFiles } from '../../functions/demo-config/sow/pdf-fonts';

export interface FunctionAppBuild {
  app: string;
  distDir: string;
  bundleBytes: number;
}

/** How to bundle: the default is `npm run build`'s (readable, source maps); a client package minifies. */
export interface BuildOptions {
  /** File name of the bundle in `distDir` (default `index.js`); package.json `main` is always `index.js`. */
  bundleName?: string;
  /** Minify whitespace, identifiers and syntax, without source maps (the client package's bundles). */
  minify?: boolean;
}

export async function buildFunctionApp(
  app: { name: string; dir: string },
  hostJson: string,
  distDir: string = join(app.dir, 'dist'),
  options: BuildOptions = {},
): Promise<FunctionAppBuild> {
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });
  const outfile = join(distDir, options.bundleName ?? 'index.js');
  const result = await build({
    metafile: true,
    entryPoints: [join(app.dir, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    minifySyntax: true,
    minify: options.minify === true,
    // Libraries compare constructor and function names at run time; minified names would break them.
    keepNames: options.minify === true,
    // A client deployment ships no source maps: they would hand the client the sources back.
    sourcemap: options.minify ? false : 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    // DuckDB's native binding (a .node file per platform) cannot be inlined: it ships beside the bundle
    // for the deployment's target, linux-x64 (copyNativeModules; LESSONS.md "DuckDB inside a Function").
    external: ['@azure/functions-core', ...NATIVE_MODULES.map((n) => n.external)],
    // ESM builds of some SDK packages (e.g. @azure/storage-common) call createRequire(import.meta.url),
    // which is undefined in a CommonJS bundle: give it the bundle's own file URL.
    define: { 'import.meta.url': '__bundleFileUrl' },
    banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  await copyFile(hostJson, join(distDir, 'host.json'));
  const imports = await copyRuntimeAssets(Object.keys(result.metafile.inputs), distDir);
  await copyNativeModules(result.metafile, app.dir, distDir);
  await copyFontFiles(Object.keys(result.metafile.inputs), app.dir, distDir);
  const manifest = {
    name: `kpi-${app.name}`,
    version: '0.1.0',
    private: true,
    description: `KPI Platform ${app.name} Function app (bundled)`,
    main: 'index.js',
    engines: { node: '>=22' },
    ...(Object.keys(imports).length ? { imports } : {}),
  };
  await writeFile(join(distDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { app: app.name, distDir, bundleBytes: (await stat(outfile)).size };
}

/**
 * Files some bundled packages load at run time by a package-internal specifier, which a bundle cannot
 * inline: pdfkit requires its standard fonts as `#standard-fonts/<Font>` through its package.json
 * `imports`, resolved from the bundle's own package.json once deployed.
 */
const runtimeAssets = [
  {
    whenBundled: 'node_modules/pdfkit/',
    from: 'node_modules/pdfkit/js/standard-fonts',
    to: 'standard-fonts',
    imports: { '#standard-fonts/*': './standard-fonts/*.cjs' },
  },
];

async function copyRuntimeAssets(
  inputs: readonly string[],
  distDir: string,
): Promise<Record<string, string>> {
  const imports: Record<string, string> = {};
  for (const asset of runtimeAssets) {
    const input = inputs.find((i) => i.includes(asset.whenBundled));
    if (!input) continue;
    // The package folder as esbuild resolved it (the workspace's node_modules).
    const root = input.slice(0, input.indexOf(asset.whenBundled));
    await cp(join(root, asset.from), join(distDir, asset.to), { recursive: true });
    Object.assign(imports, asset.imports);
  }
  return imports;
}

/** Packages with native code, kept out of the bundle and copied into `dist/node_modules` for linux-x64. */
const NATIVE_MODULES = [
  {
    external: '@duckdb/node-bindings',
    packages: ['@duckdb/node-bindings', '@duckdb/node-bindings-linux-x64', 'detect-libc'],
  },
];

async function copyNativeModules(
  metafile: { outputs: Record<string, { imports: { path: string; external?: boolean }[] }> },
  appDir: string,
  distDir: string,
): Promise<void> {
  const imported = new Set(
    Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)),
  );
  const resolve = createRequire(join(appDir, 'index.ts')).resolve;
  for (const native of NATIVE_MODULES) {
    if (!imported.has(native.external)) continue;
    for (const pkg of native.packages) {
      const from = dirname(resolve(`${pkg}/package.json`, { paths: [dirname(resolve(native.external))] }));
      await cp(from, join(distDir, 'node_modules', pkg), { recursive: true });
    }
  }
}

/**
 * The SOW PDF's font files (TTF from npm packages), which `sow/pdf-fonts.ts` looks for beside the bundle:
 * copied when that module is bundled.
 */
async function copyFontFiles(inputs: readonly string[], appDir: string, distDir: string): Promise<void> {
  if (!inputs.some((i) => i.endsWith('sow/pdf-fonts.ts'))) return;
  const resolve = createRequire(join(appDir, 'index.ts')).resolve;
  await mkdir(join(distDir, SOW_FONT_DIR), { recursive: true });
  for (const { package: pkg, file } of Object.values(sowFontFiles)) {
    const from = resolve(`${pkg}/${file}`);
    await copyFile(from, join(distDir, SOW_FONT_DIR, basename(file)));
  }
}

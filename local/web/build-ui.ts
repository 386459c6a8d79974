import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defineAppConfig } from '../../web/ui/vite-app-config';

/** The UIs under `web/`. */
export type UiName = 'config' | 'monitor' | 'client';
export const uiNames: readonly UiName[] = ['config', 'monitor', 'client'];

const repoRoot = resolve(__dirname, '..', '..');

export interface BuildUiOptions {
  /** Build even when the output is up to date. */
  force?: boolean;
  /** Where to write; defaults to `web/<app>/dist`. */
  outDir?: string;
  /** Vite's log level; 'warn' keeps `npm start` quiet. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
}

export interface BuildUiResult {
  app: UiName;
  distDir: string;
  /** False when the existing build was newer than every source file and was kept. */
  built: boolean;
}

// Sources whose change must trigger a rebuild: the app, the shared UI package, and the shared code a UI
// may import; plus the lock file, for dependency upgrades.
const sourceRoots = (app: UiName) => [
  join(repoRoot, 'web', app),
  join(repoRoot, 'web', 'ui'),
  join(repoRoot, 'shared', 'contracts'),
  join(repoRoot, 'shared', 'domain'),
  join(repoRoot, 'package-lock.json'),
];
const skipDirs = new Set(['node_modules', 'dist', '.vite']);

/**
 * Builds one UI with Vite's JS API into `web/<app>/dist` (or `outDir`), unless that build's
 * index.html is newer than every source file (an mtime check that keeps `npm start` fast).
 */
export async function buildUi(app: UiName, options: BuildUiOptions = {}): Promise<BuildUiResult> {
  if (!uiNames.includes(app))
    throw new Error(`UI.UNKNOWN: no UI named "${app}" (expected ${uiNames.join(', ')})`);
  const appDir = join(repoRoot, 'web', app);
  const distDir = resolve(options.outDir ?? join(appDir, 'dist'));
  if (!options.force) {
    const builtAt = await mtime(join(distDir, 'index.html'));
    if (builtAt !== undefined && (await newestMtime(sourceRoots(app))) < builtAt) {
      return { app, distDir, built: false };
    }
  }
  // The shared config object is passed directly (configFile: false): the same settings as
  // web/<app>/vite.config.ts, without Vite bundling and loading a config file on every start.
  // Native import(): under tsx a static import would be transpiled to CommonJS, which breaks Vite.
  // Several processes (npm start, parallel browser tests) may build the same UI at once: each builds
  // into its own directory and swaps it in with renames, so no reader sees a half-written dist.
  const buildDir = `${distDir}.build-${process.pid}-${randomBytes(4).toString('hex')}`;
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const config = defineAppConfig(appDir, [react()]);
  await build({
    ...config,
    configFile: false,
    // Vite takes NODE_ENV from the environment when set, and under Vitest (NODE_ENV=test) it would
    // emit development JSX (jsxDEV) and React's development build. A deployed bundle is always a
    // production one, whoever calls this.
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { runtime: 'automatic', development: false } },
    logLevel: options.logLevel ?? 'warn',
    build: { ...config.build, outDir: buildDir, emptyOutDir: true },
  });
  await swapIn(buildDir, distDir);
  // The swap changed web/<app>'s own mtime after index.html was written, which made the next call rebuild
  // an unchanged app: stamp the entry page after the swap.
  const now = new Date();
  await utimes(join(distDir, 'index.html'), now, now).catch(() => undefined);
  return { app, distDir, built: true };
}

async function swapIn(buildDir: string, distDir: string): Promise<void> {
  const oldDir = `${buildDir}.old`;
  await rename(distDir, oldDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  try {
    await rename(buildDir, distDir);
  } catch (err) {
    // Another build swapped its output in between: it is as fresh as ours, keep it.
    if (!['ENOTEMPTY', 'EEXIST'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
    await rm(buildDir, { recursive: true, force: true });
  }
  await rm(oldDir, { recursive: true, force: true });
}

async function mtime(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Newest modification time of any file (or directory, catching deletions) below `roots`. */
async function newestMtime(roots: string[]): Promise<number> {
  let newest = 0;
  const visit = async (path: string) => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      return;
    }
    newest = Math.max(newest, info.mtimeMs);
    if (!info.isDirectory()) return;
    for (const entry of await readdir(path, { withFileTypes: true })) {
      if (entry.isDirectory() && (skipDirs.has(entry.name) || entry.name.startsWith('dist.'))) continue;
      await visit(join(path, entry.name));
    }
  };
  for (const root of roots) await visit(root);
  return newest;
}

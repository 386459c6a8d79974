import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * Third-party packages stay external (required from node_modules at run time, as a deployed app would),
 * so a bundle builds in milliseconds and `@azure/functions` is one shared instance. Workspace packages
 * (`@kpi/*`, whose exports point at .ts files) are bundled.
 */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@kpi/') || path.isAbsolute(args.path)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** Bundles one TypeScript entry to a CommonJS file with an external source map. */
export async function bundleEntry(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'silent',
    external: ['@azure/functions-core'],
    plugins: [externalPackages],
  });
}

/**
 * Where bundles go: under `.data/host-build` of the nearest folder holding `node_modules`, so that the
 * external packages resolve from the bundle exactly as from the source.
 */
export function defaultBuildRoot(fromDir: string): string {
  let dir = path.resolve(fromDir);
  for (;;) {
    if (existsSync(path.join(dir, 'node_modules', '@azure', 'functions')))
      return path.join(dir, '.data', 'host-build');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No node_modules with @azure/functions above ${fromDir}.`);
    dir = parent;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `<pid>-<stamp>` folders under `root` left by hosts whose process is gone (killed without stop()). */
export function removeStaleDirs(root: string, prefix = ''): void {
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const m = new RegExp(`^${prefix}(\\d+)-[a-z0-9]+$`).exec(name);
    if (m && !alive(Number(m[1]))) rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

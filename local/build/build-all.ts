/**
 * `npm run build`: every Function app into its deployable `dist/`, and every UI with Vite.
 * `npm run build -- --app <name>` builds one Function app only (azd's per-service prepackage hook);
 * `npm run build -- --uis` the UIs only.
 */
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { discoverApps } from '../host/host';
import { repoRoot } from '../stack';
import { buildUi, uiNames } from '../web/build-ui';
import { buildFunctionApp } from './build-function-app';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { app: { type: 'string' }, uis: { type: 'boolean' } } });
  const hostJson = join(repoRoot, 'host.json');
  const apps = discoverApps(join(repoRoot, 'functions'));
  if (values.app && !apps.some((a) => a.name === values.app))
    throw new Error(`no Function app named ${values.app} (apps: ${apps.map((a) => a.name).join(', ')})`);
  if (!values.uis) {
    for (const app of apps.filter((a) => !values.app || a.name === values.app)) {
      const built = await buildFunctionApp(app, hostJson);
      const kib = (built.bundleBytes / 1024).toFixed(0);
      console.log(`function app ${built.app.padEnd(12)} ${relative(repoRoot, built.distDir)}  (${kib} KiB)`);
    }
  }
  if (values.app) return;
  for (const ui of uiNames) {
    const built = await buildUi(ui, { force: true, logLevel: 'warn' });
    console.log(`ui           ${ui.padEnd(12)} ${relative(repoRoot, built.distDir)}`);
  }
}

main().catch((err: Error) => {
  console.error(`build failed: ${err.message}`);
  process.exit(1);
});

/** `npm run build`: every Function app into its deployable `dist/`, and every UI with Vite. */
import { join, relative } from 'node:path';
import { discoverApps } from '../host/host';
import { repoRoot } from '../stack';
import { buildUi, uiNames } from '../web/build-ui';
import { buildFunctionApp } from './build-function-app';

async function main(): Promise<void> {
  const hostJson = join(repoRoot, 'host.json');
  for (const app of discoverApps(join(repoRoot, 'functions'))) {
    const built = await buildFunctionApp(app, hostJson);
    console.log(
      `function app ${built.app.padEnd(12)} ${relative(repoRoot, built.distDir)}  (${(built.bundleBytes / 1024).toFixed(0)} KiB)`,
    );
  }
  for (const ui of uiNames) {
    const built = await buildUi(ui, { force: true, logLevel: 'warn' });
    console.log(`ui           ${ui.padEnd(12)} ${relative(repoRoot, built.distDir)}`);
  }
}

main().catch((err: Error) => {
  console.error(`build failed: ${err.message}`);
  process.exit(1);
});

/**
 * `npm run simulate -- --deployments N [...]`: N virtual deployments against the running local stack
 * (`npm start`), with scripted misbehaviour. Prints a summary line every 10 s and a report at the end
 * (after `--duration`, or on Ctrl-C). Credentials are cached in `.data/simulate/credentials.json`.
 */
import { join, resolve } from 'node:path';
import { runTokenCommand } from '../identity/token-command';
import { defaultPorts } from '../ports';
import { parseSimulateArgs, simulateUsage } from './args';
import { Fleet } from './fleet';
import { fleetDeployments, provisionFleet } from './provision';
import { finalReport, summaryLine } from './report';

const ADMIN = 'ada@vendor.example';

async function adminToken(dataDir: string): Promise<string> {
  let token = '';
  const errors: string[] = [];
  const code = await runTokenCommand([ADMIN], process.env, dataDir, {
    out: (line) => {
      token = line;
    },
    err: (line) => errors.push(line),
  });
  if (code !== 0 || !token) throw new Error(`no token for ${ADMIN}: ${errors.join(' ')}`);
  return token;
}

async function main(): Promise<number> {
  const port = process.env[defaultPorts.functions.setting] ?? String(defaultPorts.functions.port);
  const parsed = parseSimulateArgs(process.argv.slice(2), { api: `http://127.0.0.1:${port}/api` });
  if (!parsed.ok) {
    console.error(`${parsed.error}\n\n${simulateUsage}`);
    return 2;
  }
  const a = parsed.args;
  const dataDir = process.env.LOCAL_DATA_DIR ?? resolve(__dirname, '..', '..', '.data');
  const deployments = fleetDeployments(a.prefix, a.tenants, a.deployments);
  const began = performance.now();
  const provisioned = await provisionFleet({
    api: a.api,
    adminToken: () => adminToken(dataDir),
    deployments,
    cacheFile: join(dataDir, 'simulate', 'credentials.json'),
    parallel: Math.min(8, a.concurrency),
    log: (line) => console.log(line),
  });
  console.log(
    `simulate: ${provisioned.length} deployments ready in ${((performance.now() - began) / 1000).toFixed(1)} s; ` +
      `period ${a.periodSeconds} s, scenario ${a.scenario}, ${a.durationMs ? `for ${a.durationMs / 1000} s` : 'until Ctrl-C'}`,
  );
  const fleet = new Fleet({
    api: a.api,
    deployments: provisioned,
    periodMs: a.periodSeconds * 1000,
    scenario: a.scenario,
    concurrency: a.concurrency,
    validateLicenses: true,
  });
  fleet.start();
  const ticker = setInterval(() => console.log(summaryLine(fleet.stats())), 10_000);
  await new Promise<void>((done) => {
    const timer = a.durationMs ? setTimeout(done, a.durationMs) : undefined;
    const onSignal = () => {
      if (timer) clearTimeout(timer);
      console.log('\nstopping: delivering what is buffered (at most 30 s; Ctrl-C again to quit at once)…');
      process.once('SIGINT', () => process.exit(130));
      done();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  clearInterval(ticker);
  const left = await fleet.stop(30_000);
  console.log(finalReport(fleet.stats(), left));
  return left === 0 ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch((err: Error) => {
    console.error(`simulate: ${err.message}`);
    process.exit(1);
  });

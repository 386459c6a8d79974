/**
 * `npm start`: the whole platform on the documented ports, data in `.data/`, until Ctrl-C.
 */
import { join } from 'node:path';
import { seededUsers } from './identity/users';
import { repoRoot, startStack } from './stack';

async function main(): Promise<void> {
  const began = performance.now();
  const quiet = process.env.LOCAL_QUIET === '1';
  const stack = await startStack({
    dataDir: join(repoRoot, '.data'),
    ports: 'default',
    env: process.env,
    withUis: true,
    log: (line) => {
      if (!quiet) console.log(line);
    },
  });
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  const u = stack.urls;
  console.log(
    [
      '',
      `KPI Platform is up (${seconds} s). Ctrl-C stops it; data stays in .data/.`,
      '',
      `  Config UI        ${u.ui.config}`,
      `  Monitor UI       ${u.ui.monitor}`,
      `  Client UI        ${u.ui.client}`,
      `  Functions API    ${u.api}/<app>/…   (admin: ${u.host}/admin/functions)`,
      `  Sign-in (OIDC)   ${u.issuer}`,
      `  Cosmos DB        ${u.cosmos}`,
      `  Blob storage     ${u.blob}`,
      `  Service Bus      ${u.serviceBus}`,
      `  E-mail (ACS)     ${u.email}   (outbox: Blob container email-outbox)`,
      '',
      `  Users: ${seededUsers.map((user) => user.email).join(', ')}`,
      '  Token: npm run -s token -- olivia@contoso.example',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    stack
      .stop()
      .then(() => {
        console.log('Stopped cleanly.');
        process.exit(0);
      })
      .catch((err: Error) => {
        console.error(`Stopping failed: ${err.message}`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: Error) => {
  console.error(`\nnpm start failed: ${err.message}`);
  process.exit(1);
});

/**
 * `npm start`: the whole platform on the documented ports, data in `.data/`, until Ctrl-C.
 */
import { join } from 'node:path';
import { SEED_CLIENT, startSeedClient, startSeedSources } from './client/seed-client';
import { seedLoads } from './client/seed-loads';
import { seedMappings } from './client/seed-mappings';
import { cosmosLocalKey } from './cosmos/cosmos';
import { seededUsers } from './identity/users';
import { seedFleet, startSeedFleet } from './seed/fleet';
import { apiAudience, repoRoot, startStack } from './stack';

async function main(): Promise<void> {
  const began = performance.now();
  const quiet = process.env.LOCAL_QUIET === '1';
  const log = (line: string) => {
    if (!quiet) console.log(line);
  };
  const stack = await startStack({
    dataDir: join(repoRoot, '.data'),
    ports: 'default',
    env: process.env,
    withUis: true,
    log,
  });
  // A small live fleet for the Monitor UI (LOCAL_FLEET=0 leaves it out): seeded once, then kept beating;
  // in the background, so start-up does not wait for it (a few seconds on a fresh .data).
  const fleet =
    process.env.LOCAL_FLEET === '0'
      ? Promise.resolve(undefined)
      : seedFleet({
          api: stack.urls.api,
          host: stack.urls.host,
          cosmos: {
            endpoint: stack.urls.cosmos,
            key: cosmosLocalKey,
            database: stack.values.COSMOS_DATABASE ?? 'kpi',
          },
          adminToken: () => stack.token('ada@vendor.example'),
          cacheFile: join(repoRoot, '.data', 'simulate', 'seed-fleet.json'),
          log,
        })
          .then((seeded) => {
            log(
              `fleet: ${seeded.length - 1} seeded deployments beat every 60 s (LOCAL_FLEET=0 turns this off)`,
            );
            return startSeedFleet(seeded, stack.urls.api);
          })
          .catch((err: Error) => {
            // The platform itself is up; a demo fleet that cannot be seeded should not take it down.
            console.error(`seed: no live fleet: ${err.message}`);
            return undefined;
          });
  // The contoso client deployment, as if in another subscription (own host, storage and vault), licensed
  // and activated in the background so start-up does not wait for it.
  const p = stack.ports;
  const clientUrl = `http://127.0.0.1:${p.clientFunctions}/api/client-app`;
  const client = startSeedClient({
    vendorApi: stack.urls.api,
    authIssuer: stack.urls.issuer,
    authAudience: apiAudience,
    adminToken: () => stack.token('ada@vendor.example'),
    dataDir: join(repoRoot, '.data', 'client', SEED_CLIENT.tenantId),
    ports: {
      functions: p.clientFunctions,
      blob: p.clientBlob,
      queue: p.clientQueue,
      table: p.clientTable,
      keyVault: p.clientKeyVault,
      cosmos: p.clientCosmos,
      serviceBus: p.clientServiceBus,
    },
    corsOrigins: [`http://127.0.0.1:${p.webClient}`, `http://localhost:${p.webClient}`],
    log,
  })
    .then((deployment) => {
      log(`client deployment ${SEED_CLIENT.deploymentId} is up: ${clientUrl}/license`);
      return deployment;
    })
    .catch((err: Error) => {
      console.error(`client deployment ${SEED_CLIENT.deploymentId} did not start: ${err.message}`);
      return undefined;
    });
  // Its demo sources (PGlite ERP, REST CRM, files in its Blob storage), registered through its connector.
  const sources = client.then(async (deployment) => {
    if (!deployment) return undefined;
    const began = performance.now();
    try {
      const running = await startSeedSources(deployment, {
        vendorApi: stack.urls.api,
        adminToken: () => stack.token('ada@vendor.example'),
        ownerToken: () => stack.token('olivia@contoso.example'),
        dataDir: join(repoRoot, '.data', 'client', SEED_CLIENT.tenantId),
        ports: { erp: p.clientErp, crm: p.clientCrm },
        log,
      });
      const s = ((performance.now() - began) / 1000).toFixed(1);
      log(
        `contoso demo sources are registered (${s} s): ERP 127.0.0.1:${p.clientErp}, CRM ${running.crmBaseUrl}`,
      );
      // Their mappings, through the mapping API as an admin would (existing ones are left alone).
      const mapped = await seedMappings({
        api: deployment.api,
        token: () => stack.token('olivia@contoso.example'),
        log,
      });
      log(
        `contoso mappings: ${mapped.published.length} published, ${mapped.drafts.length} left as drafts, ${mapped.unmatched.length} streams unmatched`,
      );
      // Loads of every published mapping: ingestion writes the lake, then calculation computes the KPIs.
      await seedLoads({ api: deployment.api, token: () => stack.token('olivia@contoso.example'), log });
      return running;
    } catch (err) {
      console.error(`contoso demo sources did not start: ${(err as Error).message}`);
      return undefined;
    }
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
      `  Client (contoso) ${clientUrl}/…   (its own host, storage ${p.clientBlob}, Cosmos DB ${p.clientCosmos}, Service Bus ${p.clientServiceBus}, Key Vault https://127.0.0.1:${p.clientKeyVault}; starting in the background)`,
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
    fleet
      .then((live) => live?.stop())
      .then(() => sources)
      .then((running) => running?.stop())
      .then(() => client)
      .then((deployment) => deployment?.stop())
      .then(() => stack.stop())
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

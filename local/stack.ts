/**
 * The whole platform on one machine: every stand-in, the local Functions host with every app, the
 * UIs on their own origins, and seed data. `npm start` runs it on the documented ports with data in
 * `.data/`; integration and browser tests run it on free ports in a temporary folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { uploadSite } from '@kpi/shared/platform/static-site/upload-site';
import { type LocalValues, settingsForApp } from './app-settings';
import { startAzurite } from './azurite/azurite';
import { isClientApp } from './client/client-apps';
import { SEED_CLIENT } from './client/seed-client';
import { type RunningCosmos, startCosmos } from './cosmos/cosmos';
import { loadCosmosContainers } from './cosmos/ensure-containers';
import { BlobOutbox } from './email/blob-outbox';
import { startEmailServer } from './email/email-server';
import { startGateway } from './gateway/gateway';
import { discoverApps, startHost } from './host/host';
import { startIssuer } from './identity/issuer';
import { seededUsers } from './identity/users';
import { isPortInUse, type Stoppable } from './net';
import { seedCatalog, seedData } from './seed/seed';
import { loadEntities, startBroker } from './servicebus/broker';
import { resolvePorts, type StackPorts } from './stack-ports';
import { buildUi } from './web/build-ui';
import { clientUiClientId, clientUiRuntimeConfig } from './web/client-site';

export const repoRoot = resolve(__dirname, '..');

/** The vendor platform's Function apps: every app folder but the client deployment's. */
export const vendorApps = () => discoverApps(join(repoRoot, 'functions')).filter((a) => !isClientApp(a.name));

/** The UIs, each hosted in its own storage account's `$web`, as in Azure. */
export const uis = [
  { name: 'config', account: 'webconfig', port: 'webConfig', clientId: 'kpi-config' },
  { name: 'monitor', account: 'webmonitor', port: 'webMonitor', clientId: 'kpi-monitor' },
  { name: 'client', account: 'webclient', port: 'webClient', clientId: 'kpi-client' },
] as const;

export type UiName = (typeof uis)[number]['name'];

export interface StackOptions {
  /** Where every part keeps its state (`.data` for npm start, a temp dir in tests). */
  dataDir: string;
  ports: 'default' | 'free';
  /** Settings source for port overrides (npm start passes process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Build and serve the UIs (browser tests and npm start); API-only tests skip it. */
  withUis?: boolean;
  log?: (line: string) => void;
}

export interface Stack {
  ports: StackPorts;
  urls: {
    api: string;
    host: string;
    issuer: string;
    cosmos: string;
    blob: string;
    email: string;
    serviceBus: string;
    ui: Partial<Record<UiName, string>>;
  };
  /** Every local setting value, by name (connection strings of the stand-ins and the like). */
  values: LocalValues;
  /** A bearer token for a seeded user, signed by the local issuer. */
  token(email: string, options?: { ttlSeconds?: number }): Promise<string>;
  /**
   * Parts that tests and benchmarks may take down and bring back inside a running stack, to rehearse
   * outages. `cosmos.stop()` closes the Cosmos stand-in (its state is flushed to disk, so nothing is lost);
   * `cosmos.start()` serves the same state again on the same port. Both are no-ops when already in that state.
   */
  parts: { cosmos: { stop(): Promise<void>; start(): Promise<void>; readonly running: boolean } };
  stop(): Promise<void>;
}

export const apiAudience = 'api://kpi-platform';

/** A random key for a local stand-in (e-mail, UI storage accounts), made once and kept under dataDir so restarts reuse it. */
async function localSecret(dataDir: string, name: string): Promise<string> {
  const file = join(dataDir, 'secrets', name);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const value = randomBytes(32).toString('base64');
    await mkdir(join(dataDir, 'secrets'), { recursive: true });
    await writeFile(file, value, { mode: 0o600 });
    return value;
  }
}

/** Attempts at starting on free ports before giving up: only another process's pick can collide. */
const freePortAttempts = 3;

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => {});
  for (let attempt = 1; ; attempt++) {
    const ports = await resolvePorts(options.ports, options.env ?? {});
    try {
      return await startOn(ports, options);
    } catch (err) {
      // Free ports are checked, not held: a test process beside us may have bound one in the gap.
      // Everything started was stopped; start again on fresh ports. Documented ports fail at once.
      if (options.ports !== 'free' || attempt >= freePortAttempts || !isPortInUse(err)) throw err;
      log(`a free port was taken before the stack bound it (${(err as Error).message}); retrying`);
    }
  }
}

async function startOn(ports: StackPorts, options: StackOptions): Promise<Stack> {
  // The database named by the one declaration Bicep also reads.
  const cosmosDatabase = loadCosmosContainers().database;
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir);
  const started: { name: string; part: Stoppable }[] = [];
  const keep = (name: string, part: Stoppable) => started.push({ name, part });
  const stopAll = async (): Promise<void> => {
    // Reverse start order: the host (and its receivers) goes before the broker and stores it uses.
    for (const { name, part } of started.reverse()) {
      const began = performance.now();
      await part.stop().catch((err: Error) => log(`stop ${name}: ${err.message}`));
      log(`stopped ${name} in ${(performance.now() - began).toFixed(0)} ms`);
    }
  };

  try {
    const extraAccounts = Object.fromEntries(
      await Promise.all(uis.map(async (ui) => [ui.account, await localSecret(dataDir, `${ui.account}.key`)])),
    );
    const [azurite, cosmos, broker, issuer] = await Promise.all([
      startAzurite({
        dataDir: join(dataDir, 'azurite'),
        blobPort: ports.blob,
        queuePort: ports.queue,
        tablePort: ports.table,
        extraAccounts,
      }),
      startCosmos({ port: ports.cosmos, dataDir: join(dataDir, 'cosmos') }),
      startBroker({ port: ports.serviceBus, dataDir: join(dataDir, 'servicebus'), entities: loadEntities() }),
      startIssuer({
        port: ports.identity,
        dataDir: join(dataDir, 'identity'),
        users: seededUsers,
        // The Client UI is contoso's deployment's: only contoso's users sign in to it.
        clientTenants: { [clientUiClientId]: SEED_CLIENT.tenantId },
      }),
    ]);
    keep('azurite', azurite);
    // The Cosmos stand-in can be stopped and restarted on its port (parts.cosmos); stop whichever runs.
    let cosmosNow: RunningCosmos | undefined = cosmos;
    let cosmosStopping: Promise<void> = Promise.resolve();
    const cosmosOptions = { port: cosmos.port, dataDir: join(dataDir, 'cosmos') };
    const cosmosPart = {
      get running() {
        return cosmosNow !== undefined;
      },
      async stop() {
        const current = cosmosNow;
        cosmosNow = undefined;
        cosmosStopping = current?.stop() ?? cosmosStopping;
        await cosmosStopping;
      },
      async start() {
        await cosmosStopping; // the port is free again only once the previous server closed
        cosmosNow ??= await startCosmos(cosmosOptions);
      },
    };
    keep('cosmos', cosmosPart);
    keep('service bus', broker);
    keep('identity', issuer);

    const outbox = new BlobOutbox(BlobServiceClient.fromConnectionString(azurite.connectionString));
    const email = await startEmailServer({
      port: ports.email,
      accessKey: await localSecret(dataDir, 'email.key'),
      outbox,
    });
    keep('email', email);

    const uiOrigins = uis.map((ui) => `http://127.0.0.1:${ports[ui.port]}`);
    const values: LocalValues = {
      COSMOS: cosmos.connectionString,
      COSMOS_DATABASE: cosmosDatabase,
      SERVICEBUS: broker.connectionString,
      STORAGE: azurite.connectionString,
      AzureWebJobsStorage: azurite.connectionString,
      EMAIL: email.connectionString,
      EMAIL_SENDER: 'DoNotReply@kpi-platform.local',
      // The licence service creates its Ed25519 key ring here on first start (Key Vault in Azure).
      LICENSE_SIGNING_KEY_FILE: join(dataDir, 'license', 'signing-keys.json'),
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: apiAudience,
      // Links in e-mails (alert inbox, licence renewal page).
      MONITOR_UI_URL: `http://127.0.0.1:${ports.webMonitor}`,
      CORS_ORIGINS: [...uiOrigins, ...uiOrigins.map((o) => o.replace('127.0.0.1', 'localhost'))].join(','),
    };

    const seedOptions = {
      cosmosEndpoint: cosmos.endpoint,
      cosmosKey: cosmos.key,
      database: cosmosDatabase,
      log,
    };
    await seedData(seedOptions);

    const apps = await Promise.all(
      // The client deployment's apps run on its own host (local/client), as in the client's subscription.
      vendorApps().map(async (a) => ({
        ...a,
        settings: await settingsForApp(a.dir, values),
      })),
    );
    const uiWork = options.withUis ? Promise.all(uis.map((ui) => buildUi(ui.name))) : Promise.resolve([]);
    const host = await startHost({
      port: ports.functions,
      apps,
      log,
      hostJsonPath: join(repoRoot, 'host.json'),
    });
    keep('functions host', host);
    const api = `${host.url}/api`;
    await seedCatalog({
      ...seedOptions,
      api,
      adminToken: () => issuer.signToken('ada@vendor.example', { audience: apiAudience }),
    });

    const uiUrls: Partial<Record<UiName, string>> = {};
    if (options.withUis) {
      await uiWork;
      for (const ui of uis) {
        const account = azurite.accounts[ui.account];
        if (!account) throw new Error(`Azurite has no account ${ui.account}`);
        await uploadSite({
          blobServiceClient: BlobServiceClient.fromConnectionString(account.connectionString),
          distDir: join(repoRoot, 'web', ui.name, 'dist'),
          // The Client UI talks to the contoso client deployment's own host (local/client), not the vendor's.
          runtimeConfig:
            ui.name === 'client'
              ? clientUiRuntimeConfig({
                  api: `http://127.0.0.1:${ports.clientFunctions}/api`,
                  issuer: issuer.issuer,
                  audience: apiAudience,
                })
              : {
                  apiBase: api,
                  issuer: issuer.issuer,
                  clientId: ui.clientId,
                  audience: apiAudience,
                  app: ui.name,
                },
        });
      }
      const gateway = await startGateway({
        sites: uis.map((ui) => ({
          name: ui.name,
          port: ports[ui.port],
          blobBaseUrl: `${azurite.accounts[ui.account]!.blobEndpoint}/$web`,
        })),
      });
      keep('gateway', gateway);
      for (const ui of uis) uiUrls[ui.name] = `http://127.0.0.1:${ports[ui.port]}`;
    }

    return {
      ports,
      urls: {
        api,
        host: host.url,
        issuer: issuer.issuer,
        cosmos: cosmos.endpoint,
        blob: `http://127.0.0.1:${ports.blob}`,
        email: email.endpoint,
        serviceBus: `sb://127.0.0.1:${ports.serviceBus}`,
        ui: uiUrls,
      },
      values,
      token: (userEmail, tokenOptions) =>
        issuer.signToken(userEmail, {
          audience: apiAudience,
          ...(tokenOptions?.ttlSeconds ? { ttlSeconds: tokenOptions.ttlSeconds } : {}),
        }),
      parts: { cosmos: cosmosPart },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * One client deployment on this machine, as if it lived in the client's own subscription: its own Functions
 * host (the client apps only) on its own port, its own Azurite with its own storage account, its own Cosmos
 * DB stand-in (database and containers of bicep/client-cosmos-containers.json), its own Service Bus broker
 * (bicep/client-servicebus-entities.json), and its own Key Vault stand-in (HTTPS, trusted by its workers
 * through NODE_EXTRA_CA_CERTS). It reaches the vendor platform only at the vendor's public API URL, with the
 * credential it gets by activating its licence key. `npm start` runs `contoso` on the documented ports; tests
 * start more on free ports (`startClientDeployment`).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { type LocalValues, settingsForApp } from '../app-settings';
import { type RunningAzurite, startAzurite } from '../azurite/azurite';
import { type RunningCosmos, startCosmos } from '../cosmos/cosmos';
import { ensureCosmosContainers, loadClientCosmosContainers } from '../cosmos/ensure-containers';
import { discoverApps, type RunningHost, startHost } from '../host/host';
import { type RunningKeyVault, startKeyVault } from '../keyvault/keyvault-server';
import { freePort, type Stoppable } from '../net';
import { loadEntities, type RunningBroker, startBroker } from '../servicebus/broker';
import { clientAppNames } from './client-apps';

const repoRoot = resolve(__dirname, '..', '..');

export interface ClientDeploymentPorts {
  functions: number;
  blob: number;
  queue: number;
  table: number;
  keyVault: number;
  cosmos: number;
  serviceBus: number;
}

export interface ClientDeploymentOptions {
  tenantId: string;
  deploymentId: string;
  /** The vendor platform's public API base (`http://127.0.0.1:7071/api`) and its user issuer. */
  vendorApi: string;
  /**
   * Where the deployment's apps reach the vendor, when not `vendorApi` (tests: an address where nothing
   * answers, to rehearse an unreachable vendor after the JWKS was embedded at deployment).
   */
  reachVendorAt?: string;
  /** The client's identity provider (locally the same issuer as the vendor's, serving contoso's users). */
  authIssuer: string;
  authAudience: string;
  /** Installed as the Key Vault secret `license-key` when given (the seed's "registry key"). */
  licenseKey?: string;
  /** Where its storage, vault and host builds live; reusing it is a restart. */
  dataDir: string;
  ports?: Partial<ClientDeploymentPorts>;
  /** Browser origins allowed to call it (the Client UI). */
  corsOrigins?: string[];
  /**
   * Apps to run from their built package instead of their source: app name -> the folder of its unpacked
   * run-from-package zip (what Azure mounts as wwwroot). Their settings are still those config.ts declares.
   */
  packagedApps?: Record<string, string>;
  /**
   * Only these of the deployment's apps (tests of one app: every worker started costs seconds on a busy
   * machine); default all of bicep/client-function-apps.json.
   */
  apps?: readonly string[];
  /** Extra environment for the client's workers (tests: a preloaded fake clock). */
  workerEnv?: Record<string, string>;
  workerExecArgv?: string[];
  log?: (line: string) => void;
}

export interface ClientDeployment {
  tenantId: string;
  deploymentId: string;
  ports: ClientDeploymentPorts;
  /** `http://127.0.0.1:<port>/api` */
  api: string;
  host: string;
  keyVault: RunningKeyVault;
  storage: RunningAzurite;
  /** The deployment's own Cosmos DB account (database `kpi-client`) and Service Bus namespace. */
  cosmos: RunningCosmos;
  serviceBus: RunningBroker;
  /** The client app's settings, as its host got them. */
  settings: Record<string, string>;
  stop(): Promise<void>;
}

/** A storage account name for a deployment (3-24 lower-case letters and digits). */
export function storageAccountName(deploymentId: string): string {
  return `st${deploymentId.toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 24);
}

async function accountKey(dir: string): Promise<string> {
  const file = join(dir, 'storage.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const key = randomBytes(32).toString('base64');
    await mkdir(dir, { recursive: true });
    await writeFile(file, key, { mode: 0o600 });
    return key;
  }
}

/** The JWKS the client package embeds: the vendor's published licence keys, read at deployment time. */
async function vendorJwks(vendorApi: string): Promise<string> {
  const res = await fetch(`${vendorApi}/license/jwks`);
  if (!res.ok) throw new Error(`vendor JWKS: ${res.status}`);
  return JSON.stringify(await res.json());
}

export async function startClientDeployment(o: ClientDeploymentOptions): Promise<ClientDeployment> {
  const log = o.log ?? (() => {});
  const dataDir = resolve(o.dataDir);
  const ports: ClientDeploymentPorts = {
    functions: o.ports?.functions ?? (await freePort()),
    blob: o.ports?.blob ?? (await freePort()),
    queue: o.ports?.queue ?? (await freePort()),
    table: o.ports?.table ?? (await freePort()),
    keyVault: o.ports?.keyVault ?? (await freePort()),
    cosmos: o.ports?.cosmos ?? (await freePort()),
    serviceBus: o.ports?.serviceBus ?? (await freePort()),
  };
  const started: Stoppable[] = [];
  const stopAll = async () => {
    for (const part of started.reverse())
      await part.stop().catch((err: Error) => log(`stop: ${err.message}`));
  };
  try {
    const account = storageAccountName(o.deploymentId);
    const containers = loadClientCosmosContainers();
    const [storage, keyVault, cosmos, serviceBus, jwks] = await Promise.all([
      startAzurite({
        dataDir: join(dataDir, 'azurite'),
        blobPort: ports.blob,
        queuePort: ports.queue,
        tablePort: ports.table,
        extraAccounts: { [account]: await accountKey(dataDir) },
      }),
      startKeyVault({ port: ports.keyVault, dataDir: join(dataDir, 'keyvault') }),
      startCosmos({ port: ports.cosmos, dataDir: join(dataDir, 'cosmos') }),
      startBroker({
        port: ports.serviceBus,
        dataDir: join(dataDir, 'servicebus'),
        entities: loadEntities('bicep/client-servicebus-entities.json'),
      }),
      vendorJwks(o.vendorApi),
    ]);
    started.push(storage, keyVault, cosmos, serviceBus);
    // Created here as client.bicep creates them in Azure (the apps' identity cannot create containers).
    await ensureCosmosContainers(
      new CosmosClient({
        endpoint: cosmos.endpoint,
        key: cosmos.key,
        // The stand-in names https locations in its account record: stay on the endpoint given.
        connectionPolicy: { enableEndpointDiscovery: false },
      }),
      containers,
    );
    if (o.licenseKey && (await keyVault.getSecret('license-key')) !== o.licenseKey) {
      await keyVault.setSecret('license-key', o.licenseKey);
    }
    const own = storage.accounts[account];
    if (!own) throw new Error(`Azurite has no account ${account}`);
    const values: LocalValues = {
      DEPLOYMENT_TENANT_ID: o.tenantId,
      DEPLOYMENT_ID: o.deploymentId,
      VENDOR_API_URL: o.reachVendorAt ?? o.vendorApi,
      LICENSE_TRUSTED_JWKS: jwks,
      KEYVAULT: keyVault.connectionString,
      COSMOS: cosmos.connectionString,
      COSMOS_DATABASE: containers.database,
      SERVICEBUS: serviceBus.connectionString,
      STORAGE: own.connectionString,
      AzureWebJobsStorage: own.connectionString,
      AUTH_ISSUER: o.authIssuer,
      AUTH_AUDIENCE: o.authAudience,
      CORS_ORIGINS: (o.corsOrigins ?? []).join(','),
    };
    const apps = await Promise.all(
      discoverApps(join(repoRoot, 'functions'))
        .filter((a) => clientAppNames.includes(a.name) && (o.apps?.includes(a.name) ?? true))
        .map(async (a) => ({
          ...a,
          dir: o.packagedApps?.[a.name] ?? a.dir,
          settings: {
            ...(await settingsForApp(a.dir, values)),
            // Not an app setting: how Node trusts the vault's self-signed certificate (read at process start).
            NODE_EXTRA_CA_CERTS: keyVault.certFile,
            ...o.workerEnv,
          },
        })),
    );
    const host: RunningHost = await startHost({
      port: ports.functions,
      apps,
      log,
      hostJsonPath: join(repoRoot, 'host.json'),
      ...(o.workerExecArgv ? { workerExecArgv: o.workerExecArgv } : {}),
    });
    started.push(host);
    return {
      tenantId: o.tenantId,
      deploymentId: o.deploymentId,
      ports,
      api: `${host.url}/api`,
      host: host.url,
      keyVault,
      storage,
      cosmos,
      serviceBus,
      settings: (apps.find((a) => a.name === 'client-app') ?? apps[0])?.settings ?? {},
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The client app's ports, with their adapters created once per process on first use. */
import { randomUUID } from 'node:crypto';
import { deploymentAuthorization } from '@kpi/shared/contracts/deployment-credential';
import { entityIdSchema, tenantIdSchema } from '@kpi/shared/contracts/ids';
import { BlobLastSeenStore } from '@kpi/shared/license/blob-last-seen-store';
import { OfflineLicenseVerifier } from '@kpi/shared/license/offline-verifier';
import { AzureBlobStore, blobServiceClient } from '@kpi/shared/platform/blob/azure-blob-store';
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import { KeyVaultSecretStore } from '@kpi/shared/platform/keyvault/secret-store';
import { createLogger, type LogLevel } from '@kpi/shared/platform/log';
import { HeartbeatSender } from '@kpi/shared/telemetry/heartbeat-sender';
import { nodeProcessMetrics } from '@kpi/shared/telemetry/process-metrics';
import { SnapshotVerifier } from './catalog/verify-snapshot';
import { commandHandlers } from './commands/remote-commands';
import { APP, config, release } from './config';
import { type ClientDeps, SECRETS } from './license/client-deps';
import { LicenseRuntime } from './license/license-runtime';
import { bannerAt, type LoadedLicense } from './license/loaded-license';
import { BlobHistoryStore, BlobStateStore, STATE_CONTAINER } from './state/blob-state';
import { BlobMetricsStore, InstanceMetrics, type MetricsStore } from './telemetry/request-metrics';
import { HttpVendorPlatform } from './vendor/http-vendor-platform';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** What the triggers get: the use cases' ports and services (never an SDK client). */
export interface AppDeps {
  /** The licence use cases' ports (Key Vault, storage, vendor, verifiers, clock). */
  deps: ClientDeps;
  runtime: LicenseRuntime;
  /** The deployment's storage (command outcomes). */
  blobs: BlobStore;
  metrics: MetricsStore;
  instance: InstanceMetrics;
  heartbeat: HeartbeatSender;
  /** The version health and heartbeats report: the package's, or the source's. */
  appVersion: string;
  /** Reads the deployment credential for the heartbeat (it changes at activation and rotation). */
  refreshCredential(): Promise<boolean>;
  startedAt: Date;
  lastHeartbeatAt?: Date;
}

async function create(): Promise<AppDeps> {
  const c = config(); // throws CONFIG.INVALID on bad settings
  const { trustedJwks, appVersion } = release();
  const tenantId = tenantIdSchema.parse(c.tenantId);
  const deploymentId = entityIdSchema.parse(c.deploymentId);
  const blobs = new AzureBlobStore(blobServiceClient(c.storage));
  let level: LogLevel = 'info';
  const base = createLogger({ app: APP, deploymentId }, (l, line) => {
    if (LEVELS.indexOf(l) < LEVELS.indexOf(level)) return;
    if (l === 'error') console.error(line);
    else if (l === 'warn') console.warn(line);
    else console.log(line);
  });
  const deps: ClientDeps = {
    tenantId,
    deploymentId,
    secrets: new KeyVaultSecretStore(c.keyVault),
    state: new BlobStateStore(blobs),
    history: new BlobHistoryStore(blobs),
    lastSeen: new BlobLastSeenStore(blobs, STATE_CONTAINER),
    verifier: new OfflineLicenseVerifier(trustedJwks),
    snapshots: new SnapshotVerifier(trustedJwks),
    vendor: new HttpVendorPlatform(c.vendorApi),
    clock: () => new Date(),
    newId: () => randomUUID(),
    log: base,
  };
  const runtime = new LicenseRuntime(deps);
  let credential: string | undefined;
  let latest: LoadedLicense | undefined;
  const heartbeat = new HeartbeatSender({
    endpoint: `${c.vendorApi}/monitoring`,
    authorization: () => deploymentAuthorization(credential ?? ''),
    deploymentId,
    appVersion,
    catalogVersion: () => latest?.snapshot?.stored.catalogVersion,
    processMetrics: nodeProcessMetrics(),
    extra: () => {
      const banner = latest ? bannerAt(latest, deps.clock(), tenantId) : undefined;
      return {
        ...(banner
          ? {
              license: {
                state: banner.state,
                daysLeft: banner.daysLeft,
                ...(banner.reasonCode ? { reasonCode: banner.reasonCode } : {}),
              },
            }
          : {}),
        components: { [APP]: appVersion, node: process.version.replace(/^v/, '') },
      };
    },
    log: (l, message, fields) => base[l](message, fields),
    commands: commandHandlers({
      deps,
      runtime,
      blobs,
      appVersion,
      setLogLevel: (l) => {
        level = l;
      },
      // A rotated credential is used at once (the command's result is posted with it: the old one is revoked).
      useCredential: (token) => {
        credential = token;
      },
    }),
  });
  return {
    deps,
    runtime,
    blobs,
    metrics: new BlobMetricsStore(blobs),
    instance: new InstanceMetrics(deps.clock),
    heartbeat,
    appVersion,
    startedAt: new Date(),
    async refreshCredential() {
      latest = await runtime.current();
      credential = await deps.secrets.get(SECRETS.credential);
      return credential !== undefined;
    },
  };
}

let memo: Promise<AppDeps> | undefined;

/** The app's dependencies; a failure (bad settings) is retried on the next call. */
export function dependencies(): Promise<AppDeps> {
  memo ??= create().catch((err: unknown) => {
    memo = undefined;
    throw err;
  });
  return memo;
}

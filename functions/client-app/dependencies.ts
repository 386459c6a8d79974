/** The client app's adapters, created once per process on first use. */
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
import { config } from './config';
import { type ClientDeps, SECRETS } from './license/client-deps';
import { LicenseRuntime } from './license/license-runtime';
import { bannerAt } from './license/loaded-license';
import { BlobHistoryStore, BlobStateStore, STATE_CONTAINER } from './state/blob-state';
import { BlobMetricsStore, InstanceMetrics, type MetricsStore } from './telemetry/request-metrics';
import { HttpVendorPlatform } from './vendor/http-vendor-platform';

/** The app's version as the heartbeat and health report it (the package manifest's, once packaged). */
export const APP_VERSION = '0.1.0';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface ClientApp {
  deps: ClientDeps;
  runtime: LicenseRuntime;
  blobs: BlobStore;
  metrics: MetricsStore;
  instance: InstanceMetrics;
  heartbeat: HeartbeatSender;
  /** Reads the deployment credential for the heartbeat (it changes only at activation). */
  refreshCredential(): Promise<boolean>;
  startedAt: Date;
  lastHeartbeatAt?: Date;
}

function create(): ClientApp {
  const c = config();
  const tenantId = tenantIdSchema.parse(c.tenantId);
  const deploymentId = entityIdSchema.parse(c.deploymentId);
  const blobs = new AzureBlobStore(blobServiceClient(c.storage));
  const trusted = JSON.parse(c.trustedJwks) as { keys: { kid?: unknown }[] };
  let level: LogLevel = 'info';
  const base = createLogger({ app: 'client-app', deploymentId }, (l, line) => {
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
    verifier: new OfflineLicenseVerifier(trusted),
    snapshots: new SnapshotVerifier(trusted),
    vendor: new HttpVendorPlatform(c.vendorApi),
    clock: () => new Date(),
    newId: () => randomUUID(),
    log: base,
  };
  const runtime = new LicenseRuntime(deps);
  let credential: string | undefined;
  const processMetrics = nodeProcessMetrics();
  const heartbeat = new HeartbeatSender({
    endpoint: `${c.vendorApi}/monitoring`,
    authorization: () => deploymentAuthorization(credential ?? ''),
    deploymentId,
    appVersion: APP_VERSION,
    catalogVersion: () => loadedNow()?.snapshot?.stored.catalogVersion,
    processMetrics,
    extra: () => {
      const loaded = loadedNow();
      const banner = loaded ? bannerAt(loaded, deps.clock(), tenantId) : undefined;
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
        components: { 'client-app': APP_VERSION, node: process.version.replace(/^v/, '') },
      };
    },
    log: (l, message, fields) => base[l](message, fields),
    commands: commandHandlers({
      deps,
      runtime,
      blobs,
      appVersion: APP_VERSION,
      setLogLevel: (l) => {
        level = l;
      },
    }),
  });
  let latest: Awaited<ReturnType<LicenseRuntime['current']>> | undefined;
  const loadedNow = () => latest;
  const appObj: ClientApp = {
    deps,
    runtime,
    blobs,
    metrics: new BlobMetricsStore(blobs),
    instance: new InstanceMetrics(deps.clock),
    heartbeat,
    startedAt: new Date(),
    async refreshCredential() {
      latest = await runtime.current();
      credential = await deps.secrets.get(SECRETS.credential);
      return credential !== undefined;
    },
  };
  return appObj;
}

let instance: ClientApp | undefined;

/** The app's dependencies (settings are read on first use; a bad setting fails every call until fixed). */
export function dependencies(): ClientApp {
  instance ??= create();
  return instance;
}

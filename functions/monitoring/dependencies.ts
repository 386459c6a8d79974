/** The monitoring app's ports, with their adapters created once per process on first use. */
import { type Tenant, tenantSchema } from '@kpi/shared/contracts/demo-config';
import {
  type DeploymentCredential,
  deploymentCredentialSchema,
} from '@kpi/shared/contracts/deployment-credential';
import { type Alert, alertSchema } from '@kpi/shared/contracts/monitoring-alert';
import { type RemoteCommand, remoteCommandSchema } from '@kpi/shared/contracts/monitoring-command';
import { type Deployment, deploymentSchema } from '@kpi/shared/contracts/monitoring-deployment';
import { type StoredHeartbeat, storedHeartbeatSchema } from '@kpi/shared/contracts/monitoring-heartbeat';
import { type TrackedLicense, trackedLicenseSchema } from '@kpi/shared/contracts/monitoring-license';
import {
  type AuditEntry,
  auditEntrySchema,
  type MailRate,
  mailRateSchema,
  type NotificationRecord,
  notificationRecordSchema,
} from '@kpi/shared/contracts/monitoring-notification';
import {
  type MaintenanceWindow,
  type MonitoringSettings,
  maintenanceWindowSchema,
  monitoringSettingsSchema,
  type Silence,
  silenceSchema,
} from '@kpi/shared/contracts/monitoring-rules';
import { type RecordedEvent, recordedEventSchema } from '@kpi/shared/contracts/platform-events';
import { type PlatformHealth, platformHealthSchema } from '@kpi/shared/contracts/platform-health';
import { AzureBlobStore, blobServiceClient } from '@kpi/shared/platform/blob/azure-blob-store';
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { AcsMailer } from '@kpi/shared/platform/email/acs-mailer';
import type { Mailer } from '@kpi/shared/platform/email/ports';
import { lazyOnce } from '@kpi/shared/platform/lazy-once';
import { CosmosEffectStore } from '@kpi/shared/platform/servicebus/cosmos-effect-store';
import { subscriptionName, topicName } from '@kpi/shared/platform/servicebus/entity-names';
import type { EffectStore, EventPublisher } from '@kpi/shared/platform/servicebus/ports';
import {
  ServiceBusEventPublisher,
  serviceBusClient,
} from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { config } from './config';
import type { Probe } from './platform/platform-check';

// Checked at module load: an undeclared name stops the app at start-up.
const containers = {
  platformEvents: containerName('platform-events'),
  platformHealth: containerName('platform-health'),
  deployments: containerName('deployments'),
  heartbeats: containerName('heartbeats'),
  alerts: containerName('alerts'),
  silences: containerName('silences'),
  windows: containerName('maintenance-windows'),
  commands: containerName('remote-commands'),
  audit: containerName('monitoring-audit'),
  notifications: containerName('notifications'),
  settings: containerName('monitoring-settings'),
  mailRate: containerName('mail-rate'),
  credentials: containerName('deployment-credentials'),
  licenses: containerName('license-tracking'),
  effects: containerName('effects'),
  /** demo-config's; read only, to refuse records under a tenant that does not exist. */
  tenants: containerName('tenants'),
};

/**
 * What the monitoring triggers get: repositories, messaging, mail and probes (ports), never an SDK client.
 * The use cases take `Pick<AppDeps, ...>` of what they touch.
 */
export interface AppDeps {
  /** Platform events recorded from Service Bus (`catalog.published`, …). */
  events: GlobalRepository<RecordedEvent>;
  /** The latest platform self-check of each app. */
  health: GlobalRepository<PlatformHealth>;
  deployments: TenantRepository<Deployment>;
  /** Cross-tenant reads only: the sweep (due deployments) and the staff fleet view. */
  allDeployments: GlobalRepository<Deployment>;
  heartbeats: GlobalRepository<StoredHeartbeat>;
  alerts: TenantRepository<Alert>;
  /** Cross-tenant reads only: the reminder sweep and the staff inbox. */
  allAlerts: GlobalRepository<Alert>;
  silences: TenantRepository<Silence>;
  windows: TenantRepository<MaintenanceWindow>;
  commands: TenantRepository<RemoteCommand>;
  audit: TenantRepository<AuditEntry>;
  notifications: TenantRepository<NotificationRecord>;
  allNotifications: GlobalRepository<NotificationRecord>;
  settings: TenantRepository<MonitoringSettings>;
  mailRate: GlobalRepository<MailRate>;
  /** Read only: deployment credentials (issued by the licence service). */
  credentials: GlobalRepository<DeploymentCredential>;
  licenses: TenantRepository<TrackedLicense>;
  allLicenses: GlobalRepository<TrackedLicense>;
  /** Read only (demo-config writes tenants): records under a tenant that does not exist are refused. */
  tenants: TenantRepository<Tenant>;
  /** Idempotency of the Service Bus triggers. */
  effects: EffectStore;
  publisher: EventPublisher;
  mailer: Mailer;
  links: { monitorUrl: string };
  /** Diagnostics uploaded by remote commands. */
  blobStore: BlobStore;
  /** The platform self-check's probes: each answers when its dependency does. */
  probes: Record<string, Probe>;
}

async function create(): Promise<AppDeps> {
  const c = config();
  const database = cosmosClient(c.cosmos).database(c.cosmosDatabase);
  const container = (name: keyof typeof containers) => database.container(containers[name]);
  const blobs = blobServiceClient(c.storage);
  const serviceBus = serviceBusClient(c.serviceBus);
  return {
    events: new GlobalRepository({
      container: container('platformEvents'),
      schema: recordedEventSchema,
      entity: 'PLATFORM_EVENT',
      partitionKeyPath: '/source',
    }),
    health: new GlobalRepository({
      container: container('platformHealth'),
      schema: platformHealthSchema,
      entity: 'PLATFORM_HEALTH',
      partitionKeyPath: '/app',
    }),
    deployments: new TenantRepository({
      container: container('deployments'),
      schema: deploymentSchema,
      entity: 'DEPLOYMENT',
    }),
    allDeployments: new GlobalRepository({
      container: container('deployments'),
      schema: deploymentSchema,
      entity: 'DEPLOYMENT',
      partitionKeyPath: '/tenantId',
    }),
    heartbeats: new GlobalRepository({
      container: container('heartbeats'),
      schema: storedHeartbeatSchema,
      entity: 'HEARTBEAT',
      partitionKeyPath: '/deploymentId',
    }),
    alerts: new TenantRepository({ container: container('alerts'), schema: alertSchema, entity: 'ALERT' }),
    allAlerts: new GlobalRepository({
      container: container('alerts'),
      schema: alertSchema,
      entity: 'ALERT',
      partitionKeyPath: '/tenantId',
    }),
    silences: new TenantRepository({
      container: container('silences'),
      schema: silenceSchema,
      entity: 'SILENCE',
    }),
    windows: new TenantRepository({
      container: container('windows'),
      schema: maintenanceWindowSchema,
      entity: 'MAINTENANCE_WINDOW',
    }),
    commands: new TenantRepository({
      container: container('commands'),
      schema: remoteCommandSchema,
      entity: 'COMMAND',
    }),
    audit: new TenantRepository({ container: container('audit'), schema: auditEntrySchema, entity: 'AUDIT' }),
    notifications: new TenantRepository({
      container: container('notifications'),
      schema: notificationRecordSchema,
      entity: 'NOTIFICATION',
    }),
    allNotifications: new GlobalRepository({
      container: container('notifications'),
      schema: notificationRecordSchema,
      entity: 'NOTIFICATION',
      partitionKeyPath: '/tenantId',
    }),
    settings: new TenantRepository({
      container: container('settings'),
      schema: monitoringSettingsSchema,
      entity: 'MONITORING_SETTINGS',
    }),
    mailRate: new GlobalRepository({
      container: container('mailRate'),
      schema: mailRateSchema,
      entity: 'MAIL_RATE',
    }),
    credentials: new GlobalRepository({
      container: container('credentials'),
      schema: deploymentCredentialSchema,
      entity: 'DEPLOYMENT_CREDENTIAL',
    }),
    licenses: new TenantRepository({
      container: container('licenses'),
      schema: trackedLicenseSchema,
      entity: 'TRACKED_LICENSE',
    }),
    allLicenses: new GlobalRepository({
      container: container('licenses'),
      schema: trackedLicenseSchema,
      entity: 'TRACKED_LICENSE',
      partitionKeyPath: '/tenantId',
    }),
    tenants: new TenantRepository({
      container: container('tenants'),
      schema: tenantSchema,
      entity: 'TENANT',
    }),
    effects: new CosmosEffectStore(container('effects')),
    publisher: ServiceBusEventPublisher.fromConnection(c.serviceBus),
    mailer: AcsMailer.fromConnection(c.email, c.emailSender),
    links: { monitorUrl: c.monitorUiUrl },
    blobStore: AzureBlobStore.fromConnection(c.storage),
    // The SDK clients stay in here: the probes are what leaves.
    probes: {
      cosmos: () => database.read(),
      blob: () => blobs.getProperties(),
      'service-bus': async () => {
        const receiver = serviceBus.createReceiver(
          topicName('catalog-events'),
          subscriptionName('catalog-events', 'monitoring'),
        );
        try {
          await receiver.peekMessages(1);
        } finally {
          await receiver.close();
        }
      },
    },
  };
}

/** The app's dependencies; a failure (bad settings) is retried on the next call. */
export const dependencies: () => Promise<AppDeps> = lazyOnce(create);

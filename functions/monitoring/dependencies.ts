/** The monitoring app's adapters, created once per process on first use. */

import { tenantSchema } from '@kpi/shared/contracts/demo-config';
import { deploymentCredentialSchema } from '@kpi/shared/contracts/deployment-credential';
import { alertSchema } from '@kpi/shared/contracts/monitoring-alert';
import { remoteCommandSchema } from '@kpi/shared/contracts/monitoring-command';
import { deploymentSchema } from '@kpi/shared/contracts/monitoring-deployment';
import { storedHeartbeatSchema } from '@kpi/shared/contracts/monitoring-heartbeat';
import { trackedLicenseSchema } from '@kpi/shared/contracts/monitoring-license';
import {
  auditEntrySchema,
  mailRateSchema,
  notificationRecordSchema,
} from '@kpi/shared/contracts/monitoring-notification';
import {
  maintenanceWindowSchema,
  monitoringSettingsSchema,
  silenceSchema,
} from '@kpi/shared/contracts/monitoring-rules';
import { recordedEventSchema } from '@kpi/shared/contracts/platform-events';
import { platformHealthSchema } from '@kpi/shared/contracts/platform-health';
import { AzureBlobStore, blobServiceClient } from '@kpi/shared/platform/blob/azure-blob-store';
import { containerName } from '@kpi/shared/platform/cosmos/container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { AcsMailer } from '@kpi/shared/platform/email/acs-mailer';
import { CosmosEffectStore } from '@kpi/shared/platform/servicebus/cosmos-effect-store';
import { subscriptionName, topicName } from '@kpi/shared/platform/servicebus/entity-names';
import {
  ServiceBusEventPublisher,
  serviceBusClient,
} from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { config } from './config';
import type { Probe } from './health/platform-check';

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

function create() {
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
    /** Cross-tenant reads only: the sweep (due deployments) and the staff fleet view. */
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
    /** Cross-tenant reads only: the reminder sweep and the staff inbox. */
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
    /** Read only (demo-config writes tenants). */
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
    /** The platform self-check's probes: each answers when its dependency does (no SDK client leaves here). */
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
    } satisfies Record<string, Probe>,
  };
}

/** Everything the use cases get. */
export type Dependencies = ReturnType<typeof create>;

let deps: Dependencies | undefined;

export function dependencies(): Dependencies {
  deps ??= create();
  return deps;
}

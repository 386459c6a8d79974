/** Every setting the monitoring app reads, validated once at start-up (see shared/platform/config). */
import { connection, defineSettings, lazyConfig, text, url } from '@kpi/shared/platform/config';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

export const settingsSpec = defineSettings({
  cosmos: connection('COSMOS', 'accountEndpoint'),
  cosmosDatabase: text('COSMOS_DATABASE', { default: 'kpi' }),
  /** Also the connection of the Service Bus triggers (`connection: 'SERVICEBUS'`). */
  serviceBus: connection('SERVICEBUS', 'fullyQualifiedNamespace'),
  storage: connection('STORAGE', 'blobServiceUri'),
  /** Azure Communication Services e-mail: the monitoring app is the only e-mail sender. */
  email: connection('EMAIL', 'endpoint'),
  emailSender: text('EMAIL_SENDER'),
  /** The Monitor UI's address, for links in e-mails (alert inbox, licence renewal page). */
  monitorUiUrl: url('MONITOR_UI_URL'),
  ...httpEdgeSettings,
});

export const config = lazyConfig(settingsSpec);

/** The monitoring app's name and every setting it reads, validated once at start-up (see shared/platform/config). */
import { connection, defineSettings, lazyConfig, text, url } from '@kpi/shared/platform/config';
import { cosmosSettings } from '@kpi/shared/platform/cosmos/cosmos-settings';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

/** The app (folder) name: routes are served under `/api/monitoring/`. */
export const APP = 'monitoring';

export const settingsSpec = defineSettings({
  ...cosmosSettings,
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

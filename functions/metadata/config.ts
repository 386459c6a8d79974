/** The metadata app's name and every setting it reads, validated once at start-up (see shared/platform/config). */

// Snapshots are signed with the platform's licence key ring, so clients verify them with the licence JWKS.
import { signingKeysSetting } from '@kpi/shared/license/key-ring-source';
import { connection, defineSettings, lazyConfig, text } from '@kpi/shared/platform/config';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

/** The app (folder) name: routes are served under `/api/metadata/`. */
export const APP = 'metadata';

export const settingsSpec = defineSettings({
  cosmos: connection('COSMOS', 'accountEndpoint'),
  cosmosDatabase: text('COSMOS_DATABASE', { default: 'kpi' }),
  serviceBus: connection('SERVICEBUS', 'fullyQualifiedNamespace'),
  signingKeys: signingKeysSetting,
  ...httpEdgeSettings,
});

export const config = lazyConfig(settingsSpec);

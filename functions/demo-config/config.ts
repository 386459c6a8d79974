/** Every setting the demo-config app reads, validated once at start-up (see shared/platform/config). */
import { connection, defineSettings, lazyConfig, text } from '@kpi/shared/platform/config';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

export const settingsSpec = defineSettings({
  cosmos: connection('COSMOS', 'accountEndpoint'),
  cosmosDatabase: text('COSMOS_DATABASE', { default: 'kpi' }),
  /** App data blobs: generated SOW files. */
  storage: connection('STORAGE', 'blobServiceUri'),
  ...httpEdgeSettings,
});

export const config = lazyConfig(settingsSpec);

/** The demo-config app's name and every setting it reads, validated once at start-up (see shared/platform/config). */
import { connection, defineSettings, lazyConfig } from '@kpi/shared/platform/config';
import { cosmosSettings } from '@kpi/shared/platform/cosmos/cosmos-settings';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

/** The app (folder) name: routes are served under `/api/demo-config/`. */
export const APP = 'demo-config';

export const settingsSpec = defineSettings({
  ...cosmosSettings,
  /** App data blobs: generated SOW files. */
  storage: connection('STORAGE', 'blobServiceUri'),
  ...httpEdgeSettings,
});

export const config = lazyConfig(settingsSpec);

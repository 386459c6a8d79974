/** The licence app's name and every setting it reads, validated once at start-up (see shared/platform/config). */
import { signingKeysSetting } from '@kpi/shared/license/key-ring-source';
import { connection, defineSettings, lazyConfig } from '@kpi/shared/platform/config';
import { cosmosSettings } from '@kpi/shared/platform/cosmos/cosmos-settings';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

/** The app (folder) name: routes are served under `/api/license/`. */
export const APP = 'license';

export const settingsSpec = defineSettings({
  ...cosmosSettings,
  serviceBus: connection('SERVICEBUS', 'fullyQualifiedNamespace'),
  signingKeys: signingKeysSetting,
  ...httpEdgeSettings,
});

export const config = lazyConfig(settingsSpec);

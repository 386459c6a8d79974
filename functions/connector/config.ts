/** The connector app's name and every setting it reads, validated once at start-up (see shared/platform/config). */
import { connection, defineSettings, lazyConfig, text, url } from '@kpi/shared/platform/config';
import { cosmosSettings } from '@kpi/shared/platform/cosmos/cosmos-settings';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

/** The app (folder) name: routes are served under `/api/connector/`. */
export const APP = 'connector';

export const settingsSpec = defineSettings({
  ...cosmosSettings, // the deployment's own account, database kpi-client: container `sources`
  /** The tenant this deployment belongs to: only its users are served, sources live in its partition. */
  tenantId: text('DEPLOYMENT_TENANT_ID'),
  /** The vendor platform's public API base: the Config app's declarations are read there. */
  vendorApi: url('VENDOR_API_URL'),
  /** The deployment's Key Vault: source secrets, and the deployment credential client-app stores. */
  keyVault: connection('KEYVAULT', 'vaultUri'),
  /** The deployment's own storage: files of blob-files sources. */
  storage: connection('STORAGE', 'blobServiceUri'),
  ...httpEdgeSettings,
});

/** Reads and validates on first call; every missing setting is named in one `CONFIG.INVALID` error. */
export const config = lazyConfig(settingsSpec);

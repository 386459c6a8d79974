/** The ingestion app's name and every setting it reads, validated once at start-up (see shared/platform/config). */
import { connection, defineSettings, lazyConfig, text } from '@kpi/shared/platform/config';
import { cosmosSettings } from '@kpi/shared/platform/cosmos/cosmos-settings';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

/** The app (folder) name: routes are served under `/api/ingestion/`. */
export const APP = 'ingestion';

export const settingsSpec = defineSettings({
  ...cosmosSettings, // the deployment's own account, database kpi-client
  /** The deployment's Service Bus: `ingestion-events` (published) and `ingestion-requests` (received). */
  serviceBus: connection('SERVICEBUS', 'fullyQualifiedNamespace'),
  /** The tenant this deployment belongs to: only its users are served. */
  tenantId: text('DEPLOYMENT_TENANT_ID'),
  /** This deployment's id: the stored catalog snapshot must be made for it. */
  deploymentId: text('DEPLOYMENT_ID'),
  /** The platform's published keys (JWKS JSON, embedded at packaging): the catalog snapshot is verified against them. */
  trustedJwks: text('LICENSE_TRUSTED_JWKS'),
  /** The deployment's Key Vault: source passwords and API keys (read by the connectors). */
  keyVault: connection('KEYVAULT', 'vaultUri'),
  /** The deployment's storage: the lake (container `lake`), the stored snapshot, files of blob-files sources. */
  storage: connection('STORAGE', 'blobServiceUri'),
  ...httpEdgeSettings,
});

/** Reads and validates on first call; every missing setting is named in one `CONFIG.INVALID` error. */
export const config = lazyConfig(settingsSpec);

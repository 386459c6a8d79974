/** The mapping app's name and every setting it reads, validated once at start-up (see shared/platform/config). */
import { connection, defineSettings, lazyConfig, text } from '@kpi/shared/platform/config';
import { cosmosSettings } from '@kpi/shared/platform/cosmos/cosmos-settings';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

/** The app (folder) name: routes are served under `/api/mapping/`. */
export const APP = 'mapping';

export const settingsSpec = defineSettings({
  ...cosmosSettings, // the deployment's own account (database kpi-client): mappings, drafts, history; sources read
  /** The tenant this deployment belongs to: only its users are served, mappings live in its partition. */
  tenantId: text('DEPLOYMENT_TENANT_ID'),
  /** This deployment's id: the stored catalog snapshot must be made for it. */
  deploymentId: text('DEPLOYMENT_ID'),
  /** The platform's published keys (JWKS JSON), embedded at deployment: the snapshot is verified against them. */
  trustedJwks: text('LICENSE_TRUSTED_JWKS'),
  /** The deployment's own storage: the catalog snapshot client-app stores (read only). */
  storage: connection('STORAGE', 'blobServiceUri'),
  ...httpEdgeSettings,
});

/** Reads and validates on first call; every missing setting is named in one `CONFIG.INVALID` error. */
export const config = lazyConfig(settingsSpec);

/** The calculation app's name and every setting it reads, validated once at start-up (see shared/platform/config). */
import { connection, defineSettings, lazyConfig, text } from '@kpi/shared/platform/config';
import { cosmosSettings } from '@kpi/shared/platform/cosmos/cosmos-settings';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

/** The app (folder) name: routes are served under `/api/calculation/`. */
export const APP = 'calculation';

export const settingsSpec = defineSettings({
  /** The tenant this deployment belongs to: only its users are served, and the snapshot must name it. */
  tenantId: text('DEPLOYMENT_TENANT_ID'),
  /** This deployment's id: the catalog snapshot must be made for it. */
  deploymentId: text('DEPLOYMENT_ID'),
  /** The platform's published keys (JWKS JSON) the stored catalog snapshot is verified against. */
  trustedJwks: text('LICENSE_TRUSTED_JWKS'),
  ...cosmosSettings, // the deployment's own account: kpi-results, calculation-state, lake-manifest (read)
  /** The `ingestion-events` subscription (trigger connection). */
  serviceBus: connection('SERVICEBUS', 'fullyQualifiedNamespace'),
  /** The deployment's storage: the lake (Parquet) and client-app's stored catalog snapshot. */
  storage: connection('STORAGE', 'blobServiceUri'),
  ...httpEdgeSettings,
});

/** Reads and validates on first call; every missing setting is named in one `CONFIG.INVALID` error. */
export const config = lazyConfig(settingsSpec);

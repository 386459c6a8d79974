/** Every setting the client app reads, validated once at start-up (see shared/platform/config). */
import { connection, defineSettings, lazyConfig, text, url } from '@kpi/shared/platform/config';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

export const settingsSpec = defineSettings({
  /** The tenant this deployment belongs to: the licence key must name it, and only its users are served. */
  tenantId: text('DEPLOYMENT_TENANT_ID'),
  /** This deployment's id, as activated with the licence service. */
  deploymentId: text('DEPLOYMENT_ID'),
  /** The vendor platform's public API base, e.g. `https://<vendor>/api` (outbound HTTPS only). */
  vendorApi: url('VENDOR_API_URL'),
  /**
   * The platform's published licence keys (JWKS JSON, `GET /api/license/jwks`), embedded when the package is
   * built: licence keys and catalog snapshots are verified against these, never against keys fetched at run time.
   */
  trustedJwks: text('LICENSE_TRUSTED_JWKS'),
  /** The deployment's Key Vault: secrets `license-key` and `deployment-credential`. */
  keyVault: connection('KEYVAULT', 'vaultUri'),
  /** The deployment's own storage: last good verdict, snapshot, validation history, request metrics. */
  storage: connection('STORAGE', 'blobServiceUri'),
  ...httpEdgeSettings,
});

export const config = lazyConfig(settingsSpec);

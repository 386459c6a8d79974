/** The client app's name and every setting it reads, validated once at start-up (see shared/platform/config). */
import { ConfigError, connection, defineSettings, lazyConfig, text, url } from '@kpi/shared/platform/config';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';
import { type RunningPackage, runningPackage } from '@kpi/shared/platform/package/running-package';

/** The app (folder) name: routes are served under `/api/client-app/`. */
export const APP = 'client-app';

/** The app's version when it runs from source (a package reports the version its manifest signs). */
export const SOURCE_VERSION = '0.1.0';

export const settingsSpec = defineSettings({
  /** The tenant this deployment belongs to: the licence key must name it, and only its users are served. */
  tenantId: text('DEPLOYMENT_TENANT_ID'),
  /** This deployment's id, as activated with the licence service. */
  deploymentId: text('DEPLOYMENT_ID'),
  /** The vendor platform's public API base, e.g. `https://<vendor>/api` (outbound HTTPS only). */
  vendorApi: url('VENDOR_API_URL'),
  /**
   * The platform's published licence keys (JWKS JSON, `GET /api/license/jwks`), for an app run from source.
   * A package carries them in its signed manifest and ignores this setting (see `release`).
   */
  trustedJwks: text('LICENSE_TRUSTED_JWKS', { optional: true }),
  /** The deployment's Key Vault: secrets `license-key` and `deployment-credential`. */
  keyVault: connection('KEYVAULT', 'vaultUri'),
  /** The deployment's own storage: last good verdict, snapshot, validation history, request metrics. */
  storage: connection('STORAGE', 'blobServiceUri'),
  ...httpEdgeSettings,
});

/** Reads and validates on first call; every missing setting is named in one `CONFIG.INVALID` error. */
export const config = lazyConfig(settingsSpec);

/** What this build of the app trusts and reports: from its verified package, else from the settings. */
export interface Release {
  /** The JWKS licence keys and catalog snapshots are verified against. */
  trustedJwks: { keys: { kid?: unknown }[] };
  appVersion: string;
  source: 'package' | 'settings';
}

/**
 * From a package, the vendor's licence keys and the version come from its signed manifest (an app setting
 * cannot swap them); from source, from `LICENSE_TRUSTED_JWKS` and `SOURCE_VERSION`.
 */
export function release(
  pkg: RunningPackage | undefined = runningPackage(),
  readSetting: () => string | undefined = () => config().trustedJwks,
): Release {
  if (pkg?.licenseJwks) return { trustedJwks: pkg.licenseJwks, appVersion: pkg.version, source: 'package' };
  const jwksSetting = readSetting();
  if (!jwksSetting) {
    throw new ConfigError([
      pkg
        ? `the package ${pkg.version} carries no licence keys and LICENSE_TRUSTED_JWKS is missing`
        : 'LICENSE_TRUSTED_JWKS is missing',
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(jwksSetting);
  } catch {
    throw new ConfigError(['LICENSE_TRUSTED_JWKS is not JSON']);
  }
  if (!Array.isArray((parsed as { keys?: unknown })?.keys)) {
    throw new ConfigError(['LICENSE_TRUSTED_JWKS is not a JWKS ({ "keys": [...] })']);
  }
  return {
    trustedJwks: parsed as Release['trustedJwks'],
    appVersion: pkg?.version ?? SOURCE_VERSION,
    source: 'settings',
  };
}

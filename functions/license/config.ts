/** Every setting the licence app reads, validated once at start-up (see shared/platform/config). */
import { connection, defineSettings, lazyConfig, type Setting, text } from '@kpi/shared/platform/config';
import { httpEdgeSettings } from '@kpi/shared/platform/http/edge-config';

/** Where the Ed25519 signing key ring comes from. */
export type KeyRingSource =
  /** Local: a JSON key ring file, created on first start. */
  | { kind: 'file'; path: string }
  /** Azure: the key ring JSON itself, from a Key Vault reference the platform resolves into the setting. */
  | { kind: 'value'; json: string };

/**
 * `LICENSE_SIGNING_KEY_FILE` (local) or `LICENSE_SIGNING_KEYS` (Azure: `@Microsoft.KeyVault(...)` reference to
 * the secret holding the key ring, resolved by the Functions platform with the app's identity). No default.
 */
export const signingKeysSetting: Setting<KeyRingSource> = {
  azureNames: ['LICENSE_SIGNING_KEYS'],
  localNames: ['LICENSE_SIGNING_KEY_FILE'],
  read(env) {
    const file = env.LICENSE_SIGNING_KEY_FILE?.trim();
    if (file) return { ok: true, value: { kind: 'file', path: file } };
    const json = env.LICENSE_SIGNING_KEYS?.trim();
    if (json) {
      // An unresolved reference means the app's identity cannot read the secret.
      if (json.startsWith('@Microsoft.KeyVault(')) {
        return { ok: false, problem: 'LICENSE_SIGNING_KEYS is an unresolved Key Vault reference' };
      }
      return { ok: true, value: { kind: 'value', json } };
    }
    return { ok: false, problem: 'LICENSE_SIGNING_KEYS is missing (or LICENSE_SIGNING_KEY_FILE locally)' };
  },
};

export const settingsSpec = defineSettings({
  cosmos: connection('COSMOS', 'accountEndpoint'),
  cosmosDatabase: text('COSMOS_DATABASE', { default: 'kpi' }),
  serviceBus: connection('SERVICEBUS', 'fullyQualifiedNamespace'),
  signingKeys: signingKeysSetting,
  ...httpEdgeSettings,
});

export const config = lazyConfig(settingsSpec);

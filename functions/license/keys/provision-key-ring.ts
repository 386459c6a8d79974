/**
 * `azd` postprovision hook: makes sure the Key Vault holds the licence signing key ring (secret
 * `license-signing-keys`, read by the licence app through a Key Vault reference). Creates it once; never
 * replaces an existing ring (rotate with key-ring-cli.ts and upload the result as a new version).
 */
import { newKeyRing, signingKey } from '@kpi/shared/license/key-ring';
import { defineSettings, url } from '@kpi/shared/platform/config';
import { azureCredential } from '@kpi/shared/platform/identity';
import { KeyVaultSecrets } from '@kpi/shared/platform/keyvault/key-vault-secrets';

/** The secret that main.bicep's `keyvault.licenseSigningKeys` reference points at. */
export const KEY_RING_SECRET = 'license-signing-keys';

/** Creates the key ring secret unless it exists; says which. */
export async function ensureKeyRingSecret(
  secrets: Pick<KeyVaultSecrets, 'get' | 'set'>,
  now: Date,
): Promise<{ outcome: 'created' | 'exists'; kid?: string }> {
  if ((await secrets.get(KEY_RING_SECRET)) !== undefined) return { outcome: 'exists' };
  const ring = newKeyRing(now);
  await secrets.set(KEY_RING_SECRET, JSON.stringify(ring), 'application/json');
  return { outcome: 'created', kid: signingKey(ring).kid };
}

if (require.main === module) {
  // azd passes main.bicep's outputs to hooks as environment values.
  const settings = defineSettings({ keyVaultUri: url('KEY_VAULT_URI') });
  (async () => {
    const { keyVaultUri } = settings.load();
    const result = await ensureKeyRingSecret(new KeyVaultSecrets(keyVaultUri, azureCredential()), new Date());
    console.log(
      result.outcome === 'created'
        ? `licence signing key ring created in ${keyVaultUri} (signing key ${result.kid})`
        : `licence signing key ring already in ${keyVaultUri}; left as it is`,
    );
  })().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

/**
 * The vendor's release signing keys (Ed25519), kept like the licence signing keys: the same key ring
 * format, a local file under `.data` created on first use, or the ring JSON itself in
 * `RELEASE_SIGNING_KEYS` (a release pipeline reads it from the vendor Key Vault secret
 * `release-signing-keys`). This is the packaging CLI's one config module.
 */
import { join } from 'node:path';
import type { KeyRingSource } from '@kpi/shared/license/key-ring-source';

/** Where the release key ring comes from: `RELEASE_SIGNING_KEYS`, else `RELEASE_SIGNING_KEY_FILE`, else the local default. */
export function releaseKeySource(
  env: Record<string, string | undefined>,
  repoRoot: string,
): KeyRingSource & { label: string } {
  const json = env.RELEASE_SIGNING_KEYS?.trim();
  if (json) {
    if (json.startsWith('@Microsoft.KeyVault(')) {
      throw new Error('RELEASE_SIGNING_KEYS is an unresolved Key Vault reference');
    }
    return { kind: 'value', json, label: 'RELEASE_SIGNING_KEYS' };
  }
  const path =
    env.RELEASE_SIGNING_KEY_FILE?.trim() || join(repoRoot, '.data', 'release', 'signing-keys.json');
  return { kind: 'file', path, label: path };
}

/**
 * Where the licence signing key ring comes from, and loading it. Shared by the services that sign with it:
 * the licence service (licence keys) and metadata (catalog snapshots), so a client verifies both with the
 * one published JWKS.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Setting } from '../platform/config';
import { type KeyRing, newKeyRing, parseKeyRing } from './key-ring';

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

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';
const isTaken = (err: unknown) => (err as NodeJS.ErrnoException).code === 'EEXIST';

/** The key ring of `source` (a missing file is created with one new key); `what` names it in errors. */
export async function loadKeyRing(source: KeyRingSource, now: Date, what?: string): Promise<KeyRing> {
  if (source.kind === 'value') return parseKeyRing(source.json, what);
  try {
    return parseKeyRing(await readFile(source.path, 'utf8'), what);
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
  await mkdir(dirname(source.path), { recursive: true });
  const ring = newKeyRing(now);
  try {
    // `wx`: if two processes start at once, one creates the file and the other reads it.
    await writeFile(source.path, JSON.stringify(ring, null, 2), { flag: 'wx', mode: 0o600 });
    return ring;
  } catch (err) {
    if (isTaken(err)) return parseKeyRing(await readFile(source.path, 'utf8'), what);
    throw err;
  }
}

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** Algorithm of the local issuer's signing key. */
export const signingAlg = 'ES256';

/** The issuer's key: private part for signing, public JWK for /jwks. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** The file under an issuer's dataDir that holds its key (shared with the token CLI). */
export const signingKeyFile = (dataDir: string) => join(dataDir, 'signing-key.json');

interface StoredKey {
  kid: string;
  alg: string;
  privateJwk: JWK;
}

/**
 * Reads the signing key from `dataDir`, creating it on first use. Created with an exclusive write, so
 * an issuer and a token CLI starting at the same moment still end up with one key.
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const file = signingKeyFile(dataDir);
  try {
    return await importStored(JSON.parse(await readFile(file, 'utf8')) as StoredKey);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`IDENTITY.KEY_UNREADABLE: ${file}: ${(err as Error).message}`);
    }
  }
  const { privateKey } = await generateKeyPair(signingAlg, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const { d: _private, ...publicJwk } = privateJwk;
  const stored: StoredKey = { kid: await calculateJwkThumbprint(publicJwk), alg: signingAlg, privateJwk };
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, JSON.stringify(stored, null, 2), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Someone else created it first: use theirs.
    return importStored(JSON.parse(await readFile(file, 'utf8')) as StoredKey);
  }
  return importStored(stored);
}

async function importStored(stored: StoredKey): Promise<SigningKey> {
  const { d: _private, ...publicJwk } = stored.privateJwk;
  const privateKey = (await importJWK(stored.privateJwk, stored.alg)) as CryptoKey;
  return {
    kid: stored.kid,
    privateKey,
    publicJwk: { ...publicJwk, kid: stored.kid, alg: stored.alg, use: 'sig' },
  };
}

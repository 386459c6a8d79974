/**
 * The licence service's Ed25519 signing keys. The newest key signs; retired keys stay published (and so
 * verifiable) until `verifyUntil`, which covers the longest term plus grace a key could have been issued
 * for. Stored as JSON (a local file, or a Key Vault secret in Azure); this module only handles the data.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';

/** One signing key as stored: the private JWK (OKP, Ed25519, with `d`). */
export interface StoredSigningKey {
  kid: string;
  createdAt: string;
  /** Set when a newer key took over signing. */
  retiredAt?: string;
  /** Retired keys are published until then. */
  verifyUntil?: string;
  privateJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; d: string };
}

export interface KeyRing {
  version: 1;
  keys: StoredSigningKey[];
}

/** A public key as published in the JWKS. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface Jwks {
  keys: PublicJwk[];
}

/** RFC 7638 thumbprint of an Ed25519 public key: stable, and derived from the key itself. */
export function thumbprint(x: string): string {
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

/** A fresh signing key. */
export function generateSigningKey(now: Date): StoredSigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { x?: string; d?: string };
  if (!jwk.x || !jwk.d) throw new Error('Ed25519 key export lacks x or d');
  return {
    kid: thumbprint(jwk.x),
    createdAt: now.toISOString(),
    privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d },
  };
}

/** A ring with one new key. */
export function newKeyRing(now: Date): KeyRing {
  return { version: 1, keys: [generateSigningKey(now)] };
}

/**
 * Adds a new signing key and retires the current one, which stays verifiable for `retainDays` (the longest
 * licence term plus the longest grace). Keys whose `verifyUntil` has passed are dropped.
 */
export function rotate(ring: KeyRing, now: Date, retainDays: number): KeyRing {
  const verifyUntil = new Date(now.getTime() + retainDays * 86_400_000).toISOString();
  const kept = ring.keys
    .filter((k) => !k.verifyUntil || Date.parse(k.verifyUntil) > now.getTime())
    .map((k) => (k.retiredAt ? k : { ...k, retiredAt: now.toISOString(), verifyUntil }));
  return { version: 1, keys: [...kept, generateSigningKey(now)] };
}

/** The key that signs: the newest one not retired. `what` names the ring in errors. */
export function signingKey(ring: KeyRing, what = 'licence key ring'): StoredSigningKey {
  const active = ring.keys.filter((k) => !k.retiredAt);
  const newest = active.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
  if (!newest) throw new Error(`The ${what} has no active signing key`);
  return newest;
}

/** The public keys that verify at `now`: the signing key and retired keys not past `verifyUntil`. */
export function publicJwks(ring: KeyRing, now: Date): Jwks {
  return {
    keys: ring.keys
      .filter((k) => !k.verifyUntil || Date.parse(k.verifyUntil) > now.getTime())
      .map((k) => ({ kty: 'OKP', crv: 'Ed25519', x: k.privateJwk.x, kid: k.kid, alg: 'EdDSA', use: 'sig' })),
  };
}

/** The private KeyObject of a stored key. */
export function privateKeyObject(key: StoredSigningKey): KeyObject {
  return createPrivateKey({ key: key.privateJwk, format: 'jwk' });
}

/** The public KeyObject of a published key; throws on anything but an Ed25519 OKP key. */
export function publicKeyObject(jwk: { kty?: unknown; crv?: unknown; x?: unknown }): KeyObject {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new Error('Only Ed25519 OKP keys are supported');
  }
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
}

/**
 * Parses and checks a stored ring (a file or a secret); throws with the problem. `what` names the ring in
 * errors: the same format holds the licence keys and the release keys of client packages.
 */
export function parseKeyRing(text: string, what = 'licence key ring'): KeyRing {
  const ring = JSON.parse(text) as Partial<KeyRing>;
  if (ring.version !== 1 || !Array.isArray(ring.keys) || ring.keys.length === 0) {
    throw new Error(`The ${what} is not a version 1 ring with keys`);
  }
  for (const k of ring.keys) {
    const jwk = k?.privateJwk;
    if (
      jwk?.kty !== 'OKP' ||
      jwk.crv !== 'Ed25519' ||
      typeof jwk.d !== 'string' ||
      typeof jwk.x !== 'string'
    ) {
      throw new Error(`Key ${String(k?.kid)} of the ${what} is not an Ed25519 private JWK`);
    }
    if (k.kid !== thumbprint(jwk.x)) throw new Error(`Key ${k.kid} of the ${what} has a wrong kid`);
    // Fails when x and d do not belong together.
    const derived = createPublicKey(privateKeyObject(k)).export({ format: 'jwk' }) as { x?: string };
    if (derived.x !== jwk.x) throw new Error(`Key ${k.kid} of the ${what}: x does not match d`);
  }
  signingKey(ring as KeyRing, what);
  return ring as KeyRing;
}

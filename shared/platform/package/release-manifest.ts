/**
 * The release manifest of a client deployment package: every file of the artefact with its SHA-256 and
 * size, the target the bundles were built for, and a detached Ed25519 signature over the manifest's exact
 * bytes (JWS compact serialisation with a detached payload, RFC 7515 appendix F: `<header>..<signature>`).
 * Pure node:crypto, so the start-up guard of a packaged app carries no dependency.
 */
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/** The file names the manifest and its signature have, at the artefact root and in every app folder. */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
/** `typ` of the signature's protected header. */
export const RELEASE_MANIFEST_TYPE = 'kpi-release-manifest';

/** One file of the artefact, by its path from the artefact root (always `/`-separated). */
export interface ManifestFile {
  path: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  bytes: number;
}

export interface ReleaseManifest {
  name: string;
  version: string;
  builtAt: string;
  /** What the bundles (and any native binding) were built for: Azure's Flex Consumption Linux workers. */
  target: { platform: 'linux'; arch: 'x64'; node: string };
  /** The Function apps in the artefact, each under `apps/<name>/`. */
  apps: string[];
  /** The UIs in the artefact, each under `web/<name>/`. */
  uis: string[];
  /** Every file but the manifest and its signature, sorted by path. */
  files: ManifestFile[];
  /**
   * The vendor's published licence keys (`GET /api/license/jwks`) when the package was built: a packaged
   * client-app verifies licence keys and catalog snapshots against these (signed with the rest), never
   * against an app setting. Absent in packages built without them.
   */
  licenseJwks?: { keys: TrustedKey[] };
}

/** The public key entries a verifier trusts (the release key ring's published JWKS). */
export interface TrustedKey {
  kty?: unknown;
  crv?: unknown;
  x?: unknown;
  kid?: unknown;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The manifest's bytes as written and signed: JSON, two-space indented, newline-terminated. */
export function manifestBytes(manifest: ReleaseManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

/** The detached JWS over `bytes`, signed by `kid`'s private key. */
export function signManifest(bytes: Uint8Array, kid: string, privateKey: KeyObject): string {
  const header = b64url(JSON.stringify({ alg: 'EdDSA', kid, typ: RELEASE_MANIFEST_TYPE }));
  const signature = sign(null, Buffer.from(`${header}.${b64url(bytes)}`, 'ascii'), privateKey);
  return `${header}..${signature.toString('base64url')}`;
}

/**
 * Checks the detached JWS `signature` over `bytes` against the trusted keys; returns the kid that
 * verified, or the reason it does not verify.
 */
export function checkManifestSignature(
  bytes: Uint8Array,
  signature: string,
  trusted: readonly TrustedKey[],
): { ok: true; kid: string } | { ok: false; reason: string } {
  const parts = signature.trim().split('.');
  if (parts.length !== 3 || parts[1] !== '')
    return { ok: false, reason: 'the signature is not a detached JWS' };
  const [headerPart = '', , signaturePart = ''] = parts;
  let header: { alg?: unknown; kid?: unknown; typ?: unknown };
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'the signature header is not JSON' };
  }
  if (header.alg !== 'EdDSA' || header.typ !== RELEASE_MANIFEST_TYPE) {
    return { ok: false, reason: `the signature is not an EdDSA ${RELEASE_MANIFEST_TYPE}` };
  }
  const key = trusted.find((k) => k.kid === header.kid && k.kty === 'OKP' && k.crv === 'Ed25519');
  if (!key || typeof key.x !== 'string') {
    return { ok: false, reason: `key ${String(header.kid)} is not a trusted release key` };
  }
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' });
  const input = Buffer.from(`${headerPart}.${b64url(bytes)}`, 'ascii');
  if (!verify(null, input, publicKey, Buffer.from(signaturePart, 'base64url'))) {
    return { ok: false, reason: `the signature does not verify with key ${key.kid}` };
  }
  return { ok: true, kid: key.kid as string };
}

/**
 * Signs catalog snapshots as a compact JWS (`alg: EdDSA`, `typ: kpi-catalog-snapshot+jwt`) with the
 * platform's Ed25519 key ring — the one licences are signed with, so a client deployment verifies both with
 * the same published keys (`GET /api/license/jwks`). Ed25519 is deterministic: equal snapshots give equal
 * signatures, and the ETag can be derived from the JWS.
 */
import { createHash, type KeyObject, sign } from 'node:crypto';
import { type KeyRing, privateKeyObject, signingKey } from '@kpi/shared/license/key-ring';
import { SNAPSHOT_TYPE } from './build-snapshot';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

export class SnapshotSigner {
  readonly keyId: string;
  private readonly privateKey: KeyObject;

  constructor(ring: KeyRing) {
    const key = signingKey(ring);
    this.keyId = key.kid;
    this.privateKey = privateKeyObject(key);
  }

  /** The compact JWS of `payload` and its strong ETag. */
  sign(payload: unknown): { jws: string; etag: string } {
    const input = `${b64(JSON.stringify({ alg: 'EdDSA', kid: this.keyId, typ: SNAPSHOT_TYPE }))}.${b64(JSON.stringify(payload))}`;
    const signature = sign(null, Buffer.from(input, 'ascii'), this.privateKey).toString('base64url');
    const jws = `${input}.${signature}`;
    return { jws, etag: `"${createHash('sha256').update(jws).digest('base64url').slice(0, 32)}"` };
  }
}

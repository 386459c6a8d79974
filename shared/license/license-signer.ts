/** Signs licence claims into a compact JWS (`alg: EdDSA`, `kid`, `typ: kpi-license+jwt`). */
import { type KeyObject, sign } from 'node:crypto';
import { LICENSE_KEY_TYPE, type LicenseClaims } from '../domain/license/claims';
import { type KeyRing, privateKeyObject, signingKey } from './key-ring';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Signs with one given private key (tests use it to forge keys signed by strangers). */
export function signWithKey(claims: LicenseClaims, kid: string, privateKey: KeyObject): string {
  const input = `${b64(JSON.stringify({ alg: 'EdDSA', kid, typ: LICENSE_KEY_TYPE }))}.${b64(JSON.stringify(claims))}`;
  const signature = sign(null, Buffer.from(input, 'ascii'), privateKey).toString('base64url');
  return `${input}.${signature}`;
}

/** Signs licence keys with the ring's current signing key. */
export class LicenseSigner {
  private readonly kid: string;
  private readonly privateKey: KeyObject;

  constructor(ring: KeyRing) {
    const key = signingKey(ring);
    this.kid = key.kid;
    this.privateKey = privateKeyObject(key);
  }

  /** The kid new keys are signed with. */
  get keyId(): string {
    return this.kid;
  }

  sign(claims: LicenseClaims): string {
    return signWithKey(claims, this.kid, this.privateKey);
  }
}

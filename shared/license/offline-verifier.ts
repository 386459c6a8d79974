/**
 * Offline verification of licence keys, for the client app: signature against embedded public keys (a
 * JWKS), then the time and tenant rules of `decide`, with clock roll-back detection through a
 * `LastSeenStore` the caller provides.
 */
import { type KeyObject, verify } from 'node:crypto';
import { readClaims } from '../domain/license/claims';
import { parseLicenseKey } from '../domain/license/key-format';
import {
  decide,
  type LastSeenStore,
  type LicenseVerdict,
  type VerdictOptions,
} from '../domain/license/verdict';
import { type Jwks, publicKeyObject } from './key-ring';

export interface OfflineCheckOptions {
  now: Date;
  lastSeen: LastSeenStore;
  expectedTenantId?: string;
  toleranceMs?: number;
}

/** Verifies keys against a fixed set of trusted public keys. */
export class OfflineLicenseVerifier {
  private readonly keys = new Map<string, KeyObject>();

  /** `trusted`: the published JWKS embedded in the client build. Non-Ed25519 entries are ignored. */
  constructor(
    trusted: Jwks | { keys: readonly { kid?: unknown; kty?: unknown; crv?: unknown; x?: unknown }[] },
  ) {
    for (const jwk of trusted.keys) {
      if (typeof jwk.kid !== 'string') continue;
      try {
        this.keys.set(jwk.kid, publicKeyObject(jwk));
      } catch {
        // Not an Ed25519 key: it can never verify a licence key, so it is not trusted.
      }
    }
    if (this.keys.size === 0) throw new Error('No trusted Ed25519 licence keys');
  }

  /** Pure check at `options.now` with a known last-seen time; does not persist anything. */
  verify(key: unknown, options: VerdictOptions): LicenseVerdict {
    const parsed = parseLicenseKey(key);
    if (!parsed.ok) return { kind: 'refuse', reason: parsed.reason, message: parsed.message };
    const publicKey = this.keys.get(parsed.key.kid);
    if (!publicKey) {
      return {
        kind: 'refuse',
        reason: 'LICENSE.UNKNOWN_KEY_ID',
        message: 'The key was signed by an unknown key',
      };
    }
    if (!verify(null, parsed.key.signingInput, publicKey, parsed.key.signature)) {
      return {
        kind: 'refuse',
        reason: 'LICENSE.SIGNATURE_INVALID',
        message: 'The licence key signature does not verify',
      };
    }
    const claims = readClaims(parsed.key.payload);
    if (!claims.ok) return { kind: 'refuse', reason: 'LICENSE.CLAIMS_INVALID', message: claims.problem };
    return decide(claims.claims, options);
  }

  /**
   * The check a running client makes: reads the last time seen, verifies, and moves the last time seen
   * forward (never back), so a clock turned back later is detected.
   */
  async check(key: unknown, options: OfflineCheckOptions): Promise<LicenseVerdict> {
    const lastSeen = await options.lastSeen.read();
    const verdict = this.verify(key, { ...options, lastSeen });
    const rolledBack = verdict.kind === 'refuse' && verdict.reason === 'LICENSE.CLOCK_ROLLBACK';
    if (!rolledBack && (!lastSeen || options.now > lastSeen)) {
      await options.lastSeen.write(options.now);
    }
    return verdict;
  }
}

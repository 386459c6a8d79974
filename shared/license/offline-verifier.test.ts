import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { KEY_LIMITS, LICENSE_ISSUER, type LicenseClaims } from '../domain/license/claims';
import { DAY_MS } from '../domain/license/license';
import { ClaimsMother, NOW } from '../domain/license/license-mother';
import type { LastSeenStore, LicenseVerdict } from '../domain/license/verdict';
import { newKeyRing, privateKeyObject, publicJwks, rotate, signingKey, thumbprint } from './key-ring';
import { LicenseSigner, signWithKey } from './license-signer';
import { OfflineLicenseVerifier } from './offline-verifier';

const ring = newKeyRing(new Date(NOW.getTime() - 60 * DAY_MS));
const signer = new LicenseSigner(ring);
const verifier = new OfflineLicenseVerifier(publicJwks(ring, NOW));
const validKey = signer.sign(ClaimsMother.valid());
const later = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

const reasonOf = (v: LicenseVerdict) => (v.kind === 'refuse' ? v.reason : v.kind);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const parts = (key: string) => key.split('.') as [string, string, string];

function stranger() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
  return { privateKey, kid: thumbprint(x) };
}

class MemoryLastSeen implements LastSeenStore {
  constructor(public time?: Date) {}
  async read() {
    return this.time;
  }
  async write(time: Date) {
    this.time = time;
  }
}

describe('offline verification: accepted keys', () => {
  it('a valid key is full, with its days left and entitlements', () => {
    const v = verifier.verify(validKey, { now: NOW });
    expect(v).toMatchObject({ kind: 'full', daysLeft: 335 });
    expect(v.kind !== 'refuse' && v.claims.kpiIds).toEqual(['revenue-growth', 'gross-margin']);
  });

  it('after expiry and within grace it is grace, with the grace days left', () => {
    const key = signer.sign(ClaimsMother.expiredDaysAgo(10));
    expect(verifier.verify(key, { now: NOW })).toMatchObject({ kind: 'grace', graceDaysLeft: 20 });
  });

  it('a key signed by a retired key still verifies while that key is published', () => {
    const rotated = rotate(ring, NOW, 400);
    expect(signingKey(rotated).kid).not.toBe(signingKey(ring).kid);
    const v = new OfflineLicenseVerifier(publicJwks(rotated, later(1)));
    expect(reasonOf(v.verify(validKey, { now: later(1) }))).toBe('full');
    expect(reasonOf(v.verify(new LicenseSigner(rotated).sign(ClaimsMother.valid()), { now: later(1) }))).toBe(
      'full',
    );
    // Once the retired key's verifyUntil has passed it is no longer published.
    expect(publicJwks(rotated, later(401)).keys.map((k) => k.kid)).toEqual([signingKey(rotated).kid]);
  });
});

describe('offline verification: each refusal has its own reason', () => {
  const [h, p, s] = parts(validKey);

  it('tampered payload → SIGNATURE_INVALID', () => {
    const payload = { ...ClaimsMother.valid(), kpiIds: ['revenue-growth', 'gross-margin', 'stolen-kpi'] };
    expect(reasonOf(verifier.verify(`${h}.${b64(payload)}.${s}`, { now: NOW }))).toBe(
      'LICENSE.SIGNATURE_INVALID',
    );
  });

  it('signature swapped from another genuine key → SIGNATURE_INVALID', () => {
    const other = parts(signer.sign(ClaimsMother.valid({ sub: 'lic-2' })))[2];
    expect(reasonOf(verifier.verify(`${h}.${p}.${other}`, { now: NOW }))).toBe('LICENSE.SIGNATURE_INVALID');
  });

  it('signed by a stranger claiming our kid → SIGNATURE_INVALID', () => {
    const forged = signWithKey(ClaimsMother.valid(), signingKey(ring).kid, stranger().privateKey);
    expect(reasonOf(verifier.verify(forged, { now: NOW }))).toBe('LICENSE.SIGNATURE_INVALID');
  });

  it('unknown kid → UNKNOWN_KEY_ID', () => {
    const s2 = stranger();
    expect(
      reasonOf(verifier.verify(signWithKey(ClaimsMother.valid(), s2.kid, s2.privateKey), { now: NOW })),
    ).toBe('LICENSE.UNKNOWN_KEY_ID');
    expect(reasonOf(verifier.verify(`${b64({ alg: 'EdDSA' })}.${p}.${s}`, { now: NOW }))).toBe(
      'LICENSE.UNKNOWN_KEY_ID',
    );
  });

  it('another algorithm, or none → ALGORITHM_UNSUPPORTED', () => {
    for (const alg of ['none', 'HS256', 'ES256']) {
      const header = b64({ alg, kid: signingKey(ring).kid });
      expect(reasonOf(verifier.verify(`${header}.${p}.${s}`, { now: NOW }))).toBe(
        'LICENSE.ALGORITHM_UNSUPPORTED',
      );
    }
    expect(reasonOf(verifier.verify(`${b64({ alg: 'none' })}.${p}.`, { now: NOW }))).toBe(
      'LICENSE.ALGORITHM_UNSUPPORTED',
    );
  });

  it('expired beyond grace → EXPIRED', () => {
    expect(reasonOf(verifier.verify(signer.sign(ClaimsMother.expiredDaysAgo(31)), { now: NOW }))).toBe(
      'LICENSE.EXPIRED',
    );
    expect(reasonOf(verifier.verify(validKey, { now: later(365) }))).toBe('LICENSE.EXPIRED');
  });

  it('not yet valid → NOT_YET_VALID', () => {
    const nbf = Math.floor(later(3).getTime() / 1000);
    expect(reasonOf(verifier.verify(signer.sign(ClaimsMother.valid({ nbf })), { now: NOW }))).toBe(
      'LICENSE.NOT_YET_VALID',
    );
  });

  it('oversized → KEY_OVERSIZED, before any decoding', () => {
    const huge = `${h}.${'A'.repeat(KEY_LIMITS.maxKeyChars)}.${s}`;
    expect(reasonOf(verifier.verify(huge, { now: NOW }))).toBe('LICENSE.KEY_OVERSIZED');
  });

  it('malformed → KEY_MALFORMED', () => {
    const malformed: unknown[] = [
      '',
      'abc',
      `${h}.${p}`,
      `${h}.${p}.${s}.x`,
      `${h}.${p}.${s}!`,
      `${b64('not an object')}.${p}.${s}`,
      `${Buffer.from('{"alg":').toString('base64url')}.${p}.${s}`,
      `${h}.${Buffer.from([0xff, 0xfe]).toString('base64url')}.${s}`,
      `${b64({ alg: 'EdDSA', kid: signingKey(ring).kid, crit: ['exp'] })}.${p}.${s}`,
      42,
      null,
    ];
    for (const key of malformed) {
      expect(reasonOf(verifier.verify(key, { now: NOW })), String(key)).toBe('LICENSE.KEY_MALFORMED');
    }
  });

  it('a short signature → SIGNATURE_INVALID', () => {
    expect(reasonOf(verifier.verify(`${h}.${p}.${s.slice(0, 40)}`, { now: NOW }))).toBe(
      'LICENSE.SIGNATURE_INVALID',
    );
  });

  it('genuinely signed but missing claims → CLAIMS_INVALID', () => {
    const { tenantId: _omit, ...rest } = ClaimsMother.valid();
    const key = signWithKey(rest as LicenseClaims, signingKey(ring).kid, privateKeyObject(signingKey(ring)));
    expect(verifier.verify(key, { now: NOW })).toMatchObject({
      reason: 'LICENSE.CLAIMS_INVALID',
      message: /tenantId/,
    });
  });

  it('another tenant → TENANT_MISMATCH', () => {
    expect(reasonOf(verifier.verify(validKey, { now: NOW, expectedTenantId: 'fabrikam' }))).toBe(
      'LICENSE.TENANT_MISMATCH',
    );
  });

  it('clock behind a time already seen, or behind the issue time → CLOCK_ROLLBACK', () => {
    expect(reasonOf(verifier.verify(validKey, { now: NOW, lastSeen: later(2) }))).toBe(
      'LICENSE.CLOCK_ROLLBACK',
    );
    // A rolled-back clock cannot dodge expiry: the key expired, the clock was set back to before expiry.
    const expired = signer.sign(ClaimsMother.expiredDaysAgo(40));
    expect(reasonOf(verifier.verify(expired, { now: later(-45), lastSeen: NOW }))).toBe(
      'LICENSE.CLOCK_ROLLBACK',
    );
    // Issued "tomorrow" from this machine's point of view.
    const iat = Math.floor(later(1).getTime() / 1000);
    expect(reasonOf(verifier.verify(signer.sign(ClaimsMother.valid({ iat })), { now: NOW }))).toBe(
      'LICENSE.CLOCK_ROLLBACK',
    );
    // Within the tolerance is not a roll-back.
    expect(
      reasonOf(verifier.verify(validKey, { now: NOW, lastSeen: new Date(NOW.getTime() + 60_000) })),
    ).toBe('full');
  });
});

describe('check with a last-seen store', () => {
  it('moves the last time seen forward, then detects a clock turned back', async () => {
    const store = new MemoryLastSeen();
    expect(reasonOf(await verifier.check(validKey, { now: later(5), lastSeen: store }))).toBe('full');
    expect(store.time).toEqual(later(5));
    expect(reasonOf(await verifier.check(validKey, { now: later(1), lastSeen: store }))).toBe(
      'LICENSE.CLOCK_ROLLBACK',
    );
    expect(store.time).toEqual(later(5));
    expect(reasonOf(await verifier.check(validKey, { now: later(6), lastSeen: store }))).toBe('full');
    expect(store.time).toEqual(later(6));
  });
});

describe('trusted keys', () => {
  it('refuses to start without an Ed25519 key', () => {
    expect(() => new OfflineLicenseVerifier({ keys: [{ kid: 'k', kty: 'RSA' }] })).toThrow(/No trusted/);
  });
});

describe('property: no single-character change yields different claims', () => {
  it('every mutated key is refused or verifies to exactly the same claims', () => {
    const original = verifier.verify(validKey, { now: NOW });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(fc.nat(validKey.length - 1), fc.nat(alphabet.length - 1), (at, c) => {
        const mutated = validKey.slice(0, at) + alphabet[c] + validKey.slice(at + 1);
        const v = verifier.verify(mutated, { now: NOW });
        return v.kind === 'refuse' || JSON.stringify(v) === JSON.stringify(original);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a stranger verifies an issued key with a JOSE library and only the JWKS', () => {
  it('jose jwtVerify accepts it, and refuses a tampered one', async () => {
    const jwks = createLocalJWKSet(JSON.parse(JSON.stringify(publicJwks(ring, NOW))));
    const { payload, protectedHeader } = await jwtVerify(validKey, jwks, {
      issuer: LICENSE_ISSUER,
      algorithms: ['EdDSA'],
      currentDate: NOW,
    });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: signingKey(ring).kid });
    expect(payload).toMatchObject({
      sub: 'lic-1',
      tenantId: 'contoso',
      kpiIds: ['revenue-growth', 'gross-margin'],
    });
    const [h, , s] = parts(validKey);
    const tampered = `${h}.${b64({ ...ClaimsMother.valid(), tenantId: 'fabrikam' })}.${s}`;
    await expect(
      jwtVerify(tampered, jwks, { algorithms: ['EdDSA'], currentDate: NOW }),
    ).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });
});

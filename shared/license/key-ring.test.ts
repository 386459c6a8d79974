import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../domain/license/license';
import { NOW } from '../domain/license/license-mother';
import {
  generateSigningKey,
  newKeyRing,
  parseKeyRing,
  publicJwks,
  rotate,
  signingKey,
  thumbprint,
} from './key-ring';

const later = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

describe('key ring', () => {
  it('kid is the RFC 7638 thumbprint of the public key', () => {
    const key = generateSigningKey(NOW);
    expect(key.kid).toBe(thumbprint(key.privateJwk.x));
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('publishes only public material', () => {
    const jwks = publicJwks(newKeyRing(NOW), NOW);
    expect(jwks.keys).toHaveLength(1);
    expect(Object.keys(jwks.keys[0] ?? {}).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
  });

  it('rotation: the new key signs, retired keys verify until verifyUntil, then drop out', () => {
    const first = newKeyRing(NOW);
    const second = rotate(first, later(10), 100);
    const third = rotate(second, later(120), 100);
    expect(signingKey(third).kid).toBe(third.keys[1]?.kid);
    expect(third.keys[1]?.retiredAt).toBeUndefined();
    // At day 120 the first key (retired at 10, kept 100 days) is gone; the second is retired and kept.
    expect(third.keys[0]?.kid).toBe(second.keys[1]?.kid);
    expect(third.keys).toHaveLength(2);
    expect(publicJwks(third, later(121)).keys).toHaveLength(2);
    expect(publicJwks(third, later(221)).keys).toHaveLength(1);
  });

  it('parses a stored ring and refuses broken ones', () => {
    const ring = newKeyRing(NOW);
    expect(parseKeyRing(JSON.stringify(ring))).toEqual(ring);
    const other = generateSigningKey(NOW);
    const broken = (mutate: (r: typeof ring) => unknown) => () =>
      parseKeyRing(JSON.stringify(mutate(structuredClone(ring))));
    expect(broken((r) => ({ ...r, version: 2 }))).toThrow(/version 1/);
    expect(broken((r) => ({ ...r, keys: [] }))).toThrow(/version 1/);
    expect(broken((r) => ({ keys: [{ ...r.keys[0], kid: 'x' }], version: 1 }))).toThrow(/wrong kid/);
    expect(
      broken((r) => ({
        version: 1,
        keys: [{ ...r.keys[0], privateJwk: { ...r.keys[0]?.privateJwk, d: other.privateJwk.d } }],
      })),
    ).toThrow(/does not match/);
    expect(broken((r) => ({ version: 1, keys: [{ ...r.keys[0], retiredAt: NOW.toISOString() }] }))).toThrow(
      /no active signing key/,
    );
  });
});

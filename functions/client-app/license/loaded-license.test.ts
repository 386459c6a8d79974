import { ClaimsMother, NOW } from '@kpi/shared/domain/license/license-mother';
import { describe, expect, it } from 'vitest';
import { bannerAt, type LoadedLicense } from './loaded-license';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(NOW.getTime() + n * DAY);

const loaded = (over: Partial<LoadedLicense> = {}): LoadedLicense => ({
  key: 'k',
  claims: ClaimsMother.valid(),
  checkedAt: NOW,
  state: { vendorReachable: true },
  ...over,
});

describe('bannerAt (per-request enforcement on a loaded licence)', () => {
  it('is full with the days to expiry, then grace with the grace days left, then refused', () => {
    const claims = ClaimsMother.valid({ exp: Math.floor(inDays(10).getTime() / 1000), graceDays: 5 });
    const l = loaded({ claims });
    expect(bannerAt(l, NOW, 'contoso')).toEqual({ state: 'full', daysLeft: 10 });
    expect(bannerAt(l, inDays(12), 'contoso')).toMatchObject({ state: 'grace', daysLeft: 3 });
    expect(bannerAt(l, inDays(16), 'contoso')).toMatchObject({
      state: 'refused',
      reasonCode: 'LICENSE.EXPIRED',
    });
  });

  it('refuses a clock earlier than the time the key was checked', () => {
    expect(bannerAt(loaded(), inDays(-1), 'contoso')).toMatchObject({ reasonCode: 'LICENSE.CLOCK_ROLLBACK' });
  });

  it('refuses a key refused for what it is, and a key the licence service refused online', () => {
    const keyRefusal = { reasonCode: 'LICENSE.SIGNATURE_INVALID', message: 'no' };
    expect(bannerAt(loaded({ keyRefusal }), NOW, 'contoso').reasonCode).toBe('LICENSE.SIGNATURE_INVALID');
    const claims = ClaimsMother.valid();
    const refusal = { at: NOW.toISOString(), keyId: claims.jti, code: 'LICENSE.REVOKED', message: 'revoked' };
    expect(
      bannerAt(loaded({ claims, state: { vendorReachable: true, refusal } }), NOW, 'contoso'),
    ).toMatchObject({
      state: 'refused',
      reasonCode: 'LICENSE.REVOKED',
    });
    // An online refusal of an earlier key does not refuse a renewed one.
    const renewed = { ...claims, jti: 'renewed' };
    expect(
      bannerAt(loaded({ claims: renewed, state: { vendorReachable: true, refusal } }), NOW, 'contoso').state,
    ).toBe('full');
  });

  it('refuses a key of another tenant, and takes grace from the online verdict of the same key', () => {
    expect(bannerAt(loaded(), NOW, 'fabrikam').reasonCode).toBe('LICENSE.TENANT_MISMATCH');
    const claims = ClaimsMother.valid();
    const online = {
      at: NOW.toISOString(),
      keyId: claims.jti,
      licenseId: claims.sub,
      mode: 'grace' as const,
      daysLeft: 7,
      kpiIds: claims.kpiIds,
      checkAgainAt: inDays(1).toISOString(),
    };
    expect(
      bannerAt(loaded({ claims, state: { vendorReachable: true, online } }), NOW, 'contoso'),
    ).toMatchObject({
      state: 'grace',
      daysLeft: 7,
    });
  });
});

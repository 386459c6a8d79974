/**
 * Test data builders ("Object Mothers") for licences and claims. Every licence is built relative to a
 * fixed `NOW`, so tests read as "expires in 45 days" rather than as dates.
 */
import type { LicenseClaims } from './claims';
import { LICENSE_ISSUER } from './claims';
import { DAY_MS, type License } from './license';

/** The fixed "now" of tests built with these mothers. */
export const NOW = new Date('2026-06-15T12:00:00.000Z');

const at = (days: number, from: Date = NOW) => new Date(from.getTime() + days * DAY_MS).toISOString();

/** Builds licences; each method returns a fresh object, so tests may change it freely. */
export const LicenseMother = {
  /** A year-long licence issued 30 days ago, 335 days left, 30 days of grace. */
  active(overrides: Partial<License> = {}): License {
    return {
      id: 'lic-1',
      tenantId: 'contoso',
      configurationId: 'cfg-1',
      kpiIds: ['revenue-growth', 'gross-margin'],
      edition: 'professional',
      features: ['dashboards'],
      maxDeployments: 2,
      contacts: ['olivia@contoso.example'],
      issuedAt: at(-30),
      notBefore: at(-30),
      expiresAt: at(335),
      graceDays: 30,
      status: 'active',
      milestonesSent: [],
      ...overrides,
    };
  },
  /** Expires `days` from NOW. */
  expiringIn(days: number, overrides: Partial<License> = {}): License {
    return LicenseMother.active({ expiresAt: at(days), status: 'expiring', ...overrides });
  },
  /** Expired `days` ago, still in its 30-day grace while `days` < 30. */
  expiredDaysAgo(days: number, overrides: Partial<License> = {}): License {
    return LicenseMother.active({ expiresAt: at(-days), status: 'expired', ...overrides });
  },
  revoked(overrides: Partial<License> = {}): License {
    return LicenseMother.active({ revokedAt: at(-1), status: 'revoked', ...overrides });
  },
};

/** Builds key claims for a licence valid from 30 days before NOW for a year. */
export const ClaimsMother = {
  valid(overrides: Partial<LicenseClaims> = {}): LicenseClaims {
    const s = (days: number) => Math.floor((NOW.getTime() + days * DAY_MS) / 1000);
    return {
      iss: LICENSE_ISSUER,
      sub: 'lic-1',
      jti: 'key-1',
      iat: s(-30),
      nbf: s(-30),
      exp: s(335),
      tenantId: 'contoso',
      configurationId: 'cfg-1',
      kpiIds: ['revenue-growth', 'gross-margin'],
      edition: 'professional',
      features: ['dashboards'],
      maxDeployments: 2,
      graceDays: 30,
      ...overrides,
    };
  },
  /** Claims of a key that expired `days` ago. */
  expiredDaysAgo(days: number, overrides: Partial<LicenseClaims> = {}): LicenseClaims {
    const exp = Math.floor((NOW.getTime() - days * DAY_MS) / 1000);
    const start = exp - 365 * 86_400;
    return ClaimsMother.valid({ iat: start, nbf: start, exp, ...overrides });
  },
};

export { at as daysFromNow };

import { describe, expect, it } from 'vitest';
import { daysLeft, evaluateLicenseEvent } from './license-rules';

const now = new Date('2026-11-26T10:00:00Z');
const facts = { licenseId: 'lic-1', expiresAt: '2026-12-26T10:00:00Z' };

describe('licence rules', () => {
  it('days left round up to whole days', () => {
    expect(daysLeft('2026-12-26T10:00:00Z', now)).toBe(30);
    expect(daysLeft('2026-11-26T10:00:01Z', now)).toBe(1);
    expect(daysLeft('2026-11-25T10:00:00Z', now)).toBe(-1);
  });

  it('expiring fires, critical from the 7-day milestone', () => {
    expect(evaluateLicenseEvent('license.expiring', { ...facts, milestone: 30 }, now)).toMatchObject([
      { rule: 'license-expiring', firing: true, severity: 'warning', observed: 30 },
    ]);
    expect(evaluateLicenseEvent('license.expiring', { ...facts, milestone: 7 }, now)[0]?.severity).toBe(
      'critical',
    );
  });

  it('expired fires and clears expiring; renewal, issue and revocation clear both', () => {
    expect(evaluateLicenseEvent('license.expired', facts, now).map((e) => [e.rule, e.firing])).toEqual([
      ['license-expired', true],
      ['license-expiring', false],
    ]);
    for (const t of ['license.renewed', 'license.issued', 'license.revoked'] as const) {
      expect(evaluateLicenseEvent(t, facts, now).every((e) => !e.firing)).toBe(true);
    }
    expect(evaluateLicenseEvent('license.suspended', facts, now)).toEqual([]);
  });
});

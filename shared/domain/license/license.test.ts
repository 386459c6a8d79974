import { describe, expect, it } from 'vitest';
import { DAY_MS, dueMilestone, nextChangeAt, statusAt, termProblems } from './license';
import { daysFromNow, LicenseMother, NOW } from './license-mother';

const later = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

describe('statusAt', () => {
  it('walks active → expiring → expired → suspended as time passes', () => {
    const lic = LicenseMother.expiringIn(100);
    expect(statusAt(lic, NOW)).toBe('active');
    expect(statusAt(lic, later(10))).toBe('expiring'); // exactly 90 days left
    expect(statusAt(lic, later(9.99))).toBe('active');
    expect(statusAt(lic, later(99.99))).toBe('expiring');
    expect(statusAt(lic, later(100))).toBe('expired');
    expect(statusAt(lic, later(129.99))).toBe('expired');
    expect(statusAt(lic, later(130))).toBe('suspended');
  });

  it('revoked wins at any time', () => {
    expect(statusAt(LicenseMother.revoked(), NOW)).toBe('revoked');
    expect(statusAt(LicenseMother.revoked({ expiresAt: daysFromNow(-400) }), NOW)).toBe('revoked');
  });

  it('no grace: suspended right at expiry', () => {
    expect(statusAt(LicenseMother.expiredDaysAgo(0, { graceDays: 0 }), NOW)).toBe('suspended');
  });
});

describe('dueMilestone', () => {
  it('announces each milestone once as it is reached', () => {
    const lic = LicenseMother.expiringIn(95);
    expect(dueMilestone(lic, [], NOW)).toBeUndefined();
    expect(dueMilestone(lic, [], later(5))).toBe(90);
    expect(dueMilestone(lic, [90], later(5))).toBeUndefined();
    expect(dueMilestone(lic, [90], later(35))).toBe(60);
    expect(dueMilestone(lic, [90, 60], later(65))).toBe(30);
    expect(dueMilestone(lic, [90, 60, 30], later(88))).toBe(7);
    expect(dueMilestone(lic, [90, 60, 30, 7], later(94))).toBeUndefined();
  });

  it('a licence issued late announces only the latest milestone reached', () => {
    expect(dueMilestone(LicenseMother.expiringIn(45), [], NOW)).toBe(60);
    expect(dueMilestone(LicenseMother.expiringIn(5), [], NOW)).toBe(7);
  });

  it('never goes back to a skipped milestone', () => {
    expect(dueMilestone(LicenseMother.expiringIn(45), [30], NOW)).toBeUndefined();
  });

  it('nothing once expired or revoked', () => {
    expect(dueMilestone(LicenseMother.expiredDaysAgo(1), [], NOW)).toBeUndefined();
    expect(dueMilestone(LicenseMother.revoked({ expiresAt: daysFromNow(20) }), [], NOW)).toBeUndefined();
  });
});

describe('nextChangeAt', () => {
  it('is the next milestone, then expiry, then the end of grace', () => {
    const lic = LicenseMother.expiringIn(100);
    expect(nextChangeAt(lic, NOW)?.toISOString()).toBe(daysFromNow(10));
    expect(nextChangeAt(lic, later(10))?.toISOString()).toBe(daysFromNow(40));
    expect(nextChangeAt(lic, later(93))?.toISOString()).toBe(daysFromNow(100));
    expect(nextChangeAt(lic, later(100))?.toISOString()).toBe(daysFromNow(130));
    expect(nextChangeAt(lic, later(130))).toBeUndefined();
  });

  it('never for a revoked licence', () => {
    expect(nextChangeAt(LicenseMother.revoked(), NOW)).toBeUndefined();
  });
});

describe('termProblems', () => {
  const limits = { maxTermDays: 1096, maxGraceDays: 90 };
  it('accepts a sane term', () => {
    expect(termProblems(LicenseMother.active(), limits)).toEqual([]);
  });
  it('names each problem', () => {
    const problems = termProblems(
      { notBefore: daysFromNow(10), expiresAt: daysFromNow(5), graceDays: 91 },
      limits,
    );
    expect(problems).toEqual([
      'expiresAt must be after notBefore',
      'graceDays must be an integer from 0 to 90',
    ]);
    expect(termProblems({ notBefore: 'x', expiresAt: daysFromNow(5), graceDays: 0 }, limits)).toEqual([
      'notBefore is not a date',
    ]);
    expect(
      termProblems({ notBefore: daysFromNow(0), expiresAt: daysFromNow(2000), graceDays: 0 }, limits),
    ).toEqual(['the term may not exceed 1096 days']);
  });
});

import { describe, expect, it } from 'vitest';
import { layoutTimeline, statusTone, type TimelineLicense, timelineDomain } from './timeline';

const now = new Date('2026-11-26T00:00:00.000Z');
const licenses: TimelineLicense[] = [
  {
    id: 'lic-b',
    tenantId: 'fabrikam',
    status: 'active',
    issuedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2027-06-01T00:00:00.000Z',
    graceDays: 30,
  },
  {
    id: 'lic-a',
    tenantId: 'contoso',
    status: 'expiring',
    issuedAt: '2026-06-01T00:00:00.000Z',
    expiresAt: '2026-12-10T00:00:00.000Z',
    graceDays: 14,
  },
];

describe('licence timeline', () => {
  it('spans every issue date, expiry plus grace and today', () => {
    const [lo, hi] = timelineDomain(licenses, now);
    expect(lo < new Date('2026-01-01T00:00:00.000Z')).toBe(true);
    expect(hi > new Date('2027-07-01T00:00:00.000Z')).toBe(true);
    const [emptyLo, emptyHi] = timelineDomain([], now);
    expect(emptyLo < now && now < emptyHi).toBe(true);
  });

  it('lays out one bar per licence, soonest expiry first, issue → expiry → grace end left to right', () => {
    const layout = layoutTimeline(licenses, {
      width: 1000,
      now,
      labelWidth: 200,
      rowHeight: 30,
      axisHeight: 28,
    });
    expect(layout.bars.map((b) => b.id)).toEqual(['lic-a', 'lic-b']);
    expect(layout.bars.map((b) => b.y)).toEqual([28, 58]);
    for (const bar of layout.bars) {
      expect(bar.x0).toBeGreaterThanOrEqual(200);
      expect(bar.x0).toBeLessThan(bar.xExpiry);
      expect(bar.xExpiry).toBeLessThan(bar.xGraceEnd);
      expect(bar.xGraceEnd).toBeLessThanOrEqual(984);
    }
    const a = layout.bars[0]!;
    expect(a.graceEnd.toISOString()).toBe('2026-12-24T00:00:00.000Z');
    // Today lies between lic-a's issue and expiry.
    expect(layout.todayX).toBeGreaterThan(a.x0);
    expect(layout.todayX).toBeLessThan(a.xExpiry);
    expect(layout.height).toBe(28 + 2 * 30 + 8);
    expect(layout.ticks.length).toBeGreaterThan(2);
  });

  it('puts milestones 90/60/30/7 days before expiry, only after the issue date', () => {
    const layout = layoutTimeline(licenses, { width: 1000, now });
    const b = layout.bars.find((x) => x.id === 'lic-b')!;
    expect(b.milestones.map((m) => [m.days, m.at.toISOString().slice(0, 10)])).toEqual([
      [90, '2027-03-03'],
      [60, '2027-04-02'],
      [30, '2027-05-02'],
      [7, '2027-05-25'],
    ]);
    expect(b.milestones.map((m) => m.x)).toEqual([...b.milestones.map((m) => m.x)].sort((x, y) => x - y));
    const short = layoutTimeline([{ ...licenses[1]!, issuedAt: '2026-11-01T00:00:00.000Z' }], {
      width: 1000,
      now,
    }).bars[0]!;
    expect(short.milestones.map((m) => m.days)).toEqual([30, 7]);
  });

  it('colours by status', () => {
    expect(['active', 'expiring', 'expired', 'suspended', 'revoked'].map(statusTone)).toEqual([
      'ok',
      'warn',
      'danger',
      'danger',
      'muted',
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, dueMilestone, LICENSE_STATUSES, type Milestone, nextChangeAt, statusAt } from './license';
import { LicenseMother, NOW } from './license-mother';

const order = (s: (typeof LICENSE_STATUSES)[number]) => LICENSE_STATUSES.indexOf(s);

describe('licence status machine properties', () => {
  it('status never goes back as time passes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 0, max: 90 }),
        fc.array(fc.double({ min: -500, max: 600, noNaN: true }), { minLength: 2, maxLength: 30 }),
        (expiresIn, graceDays, offsets) => {
          const lic = LicenseMother.expiringIn(expiresIn, { graceDays });
          const statuses = [...offsets]
            .sort((a, b) => a - b)
            .map((d) => statusAt(lic, new Date(NOW.getTime() + d * DAY_MS)));
          const ranks = statuses.map(order);
          expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
        },
      ),
    );
  });

  it('sweeps at arbitrary times announce each milestone at most once, largest first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.double({ min: 0, max: 420, noNaN: true }), { maxLength: 40 }),
        (expiresIn, sweepDays) => {
          const lic = LicenseMother.expiringIn(expiresIn);
          const sent: Milestone[] = [];
          for (const d of [...sweepDays].sort((a, b) => a - b)) {
            const m = dueMilestone(lic, sent, new Date(NOW.getTime() + d * DAY_MS));
            if (m !== undefined) sent.push(m);
          }
          expect(new Set(sent).size).toBe(sent.length);
          expect([...sent].sort((a, b) => b - a)).toEqual(sent);
        },
      ),
    );
  });

  it('nothing changes between now and nextChangeAt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100, max: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (expiresIn, fraction) => {
          const lic = LicenseMother.expiringIn(expiresIn);
          const next = nextChangeAt(lic, NOW);
          if (!next) {
            expect(['suspended', 'revoked']).toContain(statusAt(lic, NOW));
            return;
          }
          const between = new Date(NOW.getTime() + (next.getTime() - NOW.getTime()) * fraction * 0.999);
          expect(statusAt(lic, between)).toBe(statusAt(lic, NOW));
          expect(dueMilestone(lic, [], between)).toBe(dueMilestone(lic, [], NOW));
        },
      ),
    );
  });
});

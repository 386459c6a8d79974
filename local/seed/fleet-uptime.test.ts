import { describe, expect, it } from 'vitest';
import { HISTORY_MINUTES, historyHeartbeat, seededStart, seedFleetDeployments } from './fleet';

describe('seeded fleet uptime', () => {
  it('live beats carry on from the seeded history instead of restarting at 0 s', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    const start = seededStart(now).getTime();
    const d = seedFleetDeployments[0];
    if (!d) throw new Error('no seeded deployment');
    for (const minute of [0, 30, HISTORY_MINUTES - 1]) {
      const at = new Date(now.getTime() - (HISTORY_MINUTES - minute) * 60_000);
      const hb = historyHeartbeat(d, 0, at, minute);
      // Every history beat agrees with one start time, the one the live senders are given.
      expect(at.getTime() - hb.uptimeSeconds * 1000).toBe(start);
    }
    expect((now.getTime() - start) / 1000).toBeGreaterThan(86_400);
  });
});

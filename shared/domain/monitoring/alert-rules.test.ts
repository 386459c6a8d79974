import { describe, expect, it } from 'vitest';
import type { HeartbeatSummary, RequestSample } from '../../contracts/monitoring-deployment';
import { DEFAULT_THRESHOLDS } from '../../contracts/monitoring-rules';
import { effectiveThresholds, evaluateHeartbeatRules, evaluateStatus } from './alert-rules';
import { compareVersions } from './version';

const now = new Date('2026-11-26T10:00:00.000Z');
const ago = (min: number) => new Date(now.getTime() - min * 60_000).toISOString();
const hb = (over: Partial<HeartbeatSummary> = {}): HeartbeatSummary => ({
  id: 'h1',
  receivedAt: now.toISOString(),
  appVersion: '1.4.0',
  uptimeSeconds: 100,
  cpuPercent: 5,
  memoryRssMb: 200,
  eventLoopLagMs: 2,
  requestCount: 100,
  errorCount: 0,
  p50Ms: 20,
  p95Ms: 80,
  recentErrors: [],
  ...over,
});
const sample = (min: number, count: number, errors: number): RequestSample => ({
  at: ago(min),
  count,
  errors,
});
const byRule = (evs: ReturnType<typeof evaluateHeartbeatRules>) =>
  Object.fromEntries(evs.map((e) => [e.rule, e]));
const t = DEFAULT_THRESHOLDS;

describe('effectiveThresholds', () => {
  it('applies tenant overrides over the defaults', () => {
    expect(effectiveThresholds(undefined)).toEqual(DEFAULT_THRESHOLDS);
    const eff = effectiveThresholds({ latencyP95Ms: 500, minAppVersion: '2.0.0' });
    expect(eff.latencyP95Ms).toBe(500);
    expect(eff.minAppVersion).toBe('2.0.0');
    expect(eff.errorRate).toBe(DEFAULT_THRESHOLDS.errorRate);
  });
});

describe('error rate over a window', () => {
  it('fires above the threshold, summed over the window only', () => {
    const samples = [sample(10, 1000, 1000), sample(4, 50, 5), sample(1, 50, 4)];
    const e = byRule(evaluateHeartbeatRules({ heartbeat: hb(), samples, now, thresholds: t }))['error-rate'];
    expect(e?.firing).toBe(true);
    expect(e?.observed).toBe(0.09);
  });

  it('does not fire at exactly the threshold', () => {
    const samples = [sample(1, 100, 5)];
    const e = byRule(evaluateHeartbeatRules({ heartbeat: hb(), samples, now, thresholds: t }))['error-rate'];
    expect(e?.firing).toBe(false);
  });

  it('says nothing with too few requests to judge', () => {
    const samples = [sample(1, 10, 10)];
    expect(
      byRule(evaluateHeartbeatRules({ heartbeat: hb(), samples, now, thresholds: t }))['error-rate'],
    ).toBeUndefined();
  });
});

describe('metric rules', () => {
  it('p95 latency, memory and data freshness fire above their limits', () => {
    const evs = byRule(
      evaluateHeartbeatRules({
        heartbeat: hb({ p95Ms: 2500, memoryRssMb: 2000, dataFreshnessSeconds: 7 * 3600 }),
        samples: [],
        now,
        thresholds: t,
      }),
    );
    expect(evs['latency-p95']?.firing).toBe(true);
    expect(evs.memory?.firing).toBe(true);
    expect(evs['data-freshness']?.firing).toBe(true);
  });

  it('latency is not judged without requests; freshness not when unreported', () => {
    const evs = byRule(
      evaluateHeartbeatRules({
        heartbeat: hb({ requestCount: 0, p95Ms: 9999 }),
        samples: [],
        now,
        thresholds: t,
      }),
    );
    expect(evs['latency-p95']).toBeUndefined();
    expect(evs['data-freshness']).toBeUndefined();
    expect(evs.memory?.firing).toBe(false);
  });

  it('app version below the minimum fires; an unparsable version fires too', () => {
    const thresholds = effectiveThresholds({ minAppVersion: '1.5.0' });
    expect(
      byRule(evaluateHeartbeatRules({ heartbeat: hb(), samples: [], now, thresholds }))['app-version']
        ?.firing,
    ).toBe(true);
    expect(
      byRule(
        evaluateHeartbeatRules({ heartbeat: hb({ appVersion: '1.5.0' }), samples: [], now, thresholds }),
      )['app-version']?.firing,
    ).toBe(false);
    expect(
      byRule(evaluateHeartbeatRules({ heartbeat: hb({ appVersion: 'dev' }), samples: [], now, thresholds }))[
        'app-version'
      ]?.firing,
    ).toBe(true);
  });

  it('disabled rules are not evaluated', () => {
    const evs = evaluateHeartbeatRules({
      heartbeat: hb({ memoryRssMb: 9999 }),
      samples: [],
      now,
      thresholds: t,
      disabled: ['memory'],
    });
    expect(evs.map((e) => e.rule)).not.toContain('memory');
  });

  it('heartbeat-missing follows the status', () => {
    expect(evaluateStatus('down', 60, 180)).toMatchObject([{ rule: 'heartbeat-missing', firing: true }]);
    expect(evaluateStatus('up', 60, 180)).toMatchObject([{ rule: 'heartbeat-missing', firing: false }]);
    expect(evaluateStatus('late', 60, 180)).toEqual([]);
    expect(evaluateStatus('paused', 60, 180)).toEqual([]);
  });
});

describe('compareVersions', () => {
  it.each([
    ['1.2.3', '1.2.3', 0],
    ['1.2.3', '1.10.0', -1],
    ['2.0.0', '1.99.99', 1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.2', '1.0.0-alpha.10', -1],
    ['1.0.0-beta', '1.0.0-alpha', 1],
    ['v1.2.3+build.5', '1.2.3', 0],
  ])('%s vs %s → %d', (a, b, r) => {
    expect(compareVersions(a, b)).toBe(r);
  });
  it('undefined for non-versions', () => {
    expect(compareVersions('latest', '1.0.0')).toBeUndefined();
  });
});

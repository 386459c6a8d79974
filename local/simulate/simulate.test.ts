import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDuration, parseSimulateArgs } from './args';
import type { FleetStats } from './fleet';
import { finalReport } from './report';
import { behaviourAt, episodePeriod, planFor } from './scenario';
import { DueQueue, Scheduler } from './scheduler';

const api = 'http://127.0.0.1:7071/api';

describe('parseSimulateArgs', () => {
  it('reads every option and skips npm’s `--`', () => {
    const r = parseSimulateArgs(
      [
        '--',
        '--deployments',
        '500',
        '--tenants',
        'a,b,a',
        '--period=5',
        '--scenario',
        'healthy',
        '--duration',
        '10m',
      ],
      { api },
    );
    expect(r).toEqual({
      ok: true,
      args: {
        deployments: 500,
        tenants: ['a', 'b'],
        periodSeconds: 5,
        scenario: 'healthy',
        durationMs: 600_000,
        api,
        prefix: 'sim',
        concurrency: 64,
      },
    });
  });

  it('refuses what it cannot use, naming the option', () => {
    const err = (argv: string[]) => {
      const r = parseSimulateArgs(argv, { api });
      return r.ok ? 'ok' : r.error;
    };
    expect(err([])).toMatch(/--deployments is required/);
    expect(err(['--deployments', '0'])).toMatch(/--deployments must be/);
    expect(err(['--deployments', '2.5'])).toMatch(/--deployments must be/);
    expect(err(['--deployments', '5', '--scenario', 'chaos'])).toMatch(
      /--scenario must be one of mixed, healthy/,
    );
    expect(err(['--deployments', '5', '--duration', 'soon'])).toMatch(/--duration/);
    expect(err(['--deployments', '5', '--tenants', 'a,b c'])).toMatch(/"b c" is not a tenant id/);
    expect(err(['--deployments', '5', '--api', 'ftp://x'])).toMatch(/--api/);
    expect(err(['--deployments'])).toMatch(/--deployments needs a value/);
    expect(err(['--deployments', '5', '--frobnicate', '1'])).toMatch(/unknown option --frobnicate/);
  });

  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration('0s')).toBeUndefined();
    expect(parseDuration('-5m')).toBeUndefined();
  });
});

describe('scenario', () => {
  it('mixed: one of each misbehaviour per 20 deployments, the rest healthy; healthy: all healthy', () => {
    const kinds = Array.from({ length: 40 }, (_, i) => planFor('mixed', i).kind);
    expect(kinds.filter((k) => k === 'healthy')).toHaveLength(32);
    for (const k of ['silent', 'error-spike', 'slow', 'memory-growth'])
      expect(kinds.filter((x) => x === k)).toHaveLength(2);
    expect(new Set(Array.from({ length: 40 }, (_, i) => planFor('healthy', i).kind))).toEqual(
      new Set(['healthy']),
    );
  });

  it('episodes start after the offset, last their length, and repeat each cycle (recovery between)', () => {
    const plan = { ...planFor('mixed', 0), offsetPeriods: 2, episodePeriods: 3, cyclePeriods: 10 };
    const inEpisode = Array.from({ length: 25 }, (_, p) => episodePeriod(plan, p));
    expect(inEpisode).toEqual([
      -1, -1, 0, 1, 2, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2,
    ]);
  });

  it('a silent deployment stays silent past period + default grace, so it goes down and raises an alert', () => {
    const plan = planFor('mixed', 0);
    expect(plan.kind).toBe('silent');
    const period = 60_000;
    const silentPeriods = Array.from(
      { length: 40 },
      (_, p) => behaviourAt(plan, p * period + 1, period).silent,
    );
    const firstRun = silentPeriods.indexOf(true);
    const length = silentPeriods.slice(firstRun).indexOf(false);
    expect(firstRun).toBe(plan.offsetPeriods);
    expect(length * 60).toBeGreaterThan(60 + 180); // late at one period, down after the 3 min grace
  });

  it('misbehaviour crosses the default thresholds and recovers afterwards', () => {
    const period = 1000;
    const at = (i: number, p: number) => behaviourAt(planFor('mixed', i), p * period, period);
    const during = (i: number) =>
      at(i, planFor('mixed', i).offsetPeriods + planFor('mixed', i).episodePeriods - 1);
    expect(during(1).errorRate).toBeGreaterThan(0.05);
    expect(during(2).latencyMs * 3).toBeGreaterThan(2000);
    expect(during(3).memoryMb).toBeGreaterThan(1536);
    for (const i of [1, 2, 3]) {
      const after = at(i, planFor('mixed', i).offsetPeriods + planFor('mixed', i).episodePeriods);
      expect(after.episode).toBeUndefined();
      expect(after.errorRate).toBeLessThan(0.05);
      expect(after.memoryMb).toBeLessThan(1536);
    }
    // Deterministic: the same index always gets the same figures.
    expect(planFor('mixed', 7)).toEqual(planFor('mixed', 7));
  });
});

describe('scheduler', () => {
  afterEach(() => vi.useRealTimers());

  it('orders by due time, then by insertion', () => {
    const q = new DueQueue();
    const out: string[] = [];
    for (const [at, name] of [
      [5, 'e'],
      [1, 'a'],
      [3, 'c1'],
      [3, 'c2'],
      [2, 'b'],
      [9, 'z'],
    ] as const) {
      q.push(at, () => out.push(name));
    }
    for (let job = q.popDue(5); job; job = q.popDue(5)) job();
    expect(out).toEqual(['a', 'b', 'c1', 'c2', 'e']);
    expect(q.size).toBe(1);
    expect(q.peek()).toBe(9);
  });

  it('runs thousands of jobs off one timer at their times', () => {
    vi.useFakeTimers({ now: 0 });
    const s = new Scheduler(() => Date.now());
    const ran: number[] = [];
    for (let i = 0; i < 5000; i++) s.at(5000 - i, () => ran.push(Date.now()));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(2500);
    expect(ran).toHaveLength(2500);
    expect(ran.every((t, i) => t === i + 1)).toBe(true);
    // A job scheduled earlier than the armed timer re-arms it.
    s.at(Date.now() + 1, () => ran.push(-1));
    vi.advanceTimersByTime(1);
    expect(ran).toContain(-1);
    s.stop();
    expect(vi.getTimerCount()).toBe(0);
    s.at(Date.now() + 1, () => ran.push(-2));
    vi.advanceTimersByTime(10);
    expect(ran).not.toContain(-2);
  });
});

describe('finalReport', () => {
  const stats: FleetStats = {
    deployments: 2,
    elapsedMs: 60_000,
    generated: 2,
    acked: 2,
    bufferedNow: 0,
    buffered: 0,
    replayed: 0,
    dropped: 0,
    statuses: { '200': 2 },
    fiveXx: 0,
    unavailableWithRetryAfter: 0,
    intakeP50Ms: 5,
    intakeP99Ms: 9,
    commandsRun: 0,
    episodes: {},
  };

  it('says licence checks are off when the fleet does not validate, and counts them by outcome when it does', () => {
    expect(finalReport(stats, 0)).toContain('licence checks       off');
    const checked = finalReport(
      { ...stats, licenseChecks: { valid: 7, failed: 1, refused: { 'LICENSE.REVOKED': 2 } } },
      0,
    );
    expect(checked).toContain('licence checks       7 valid, 1 failed, refused LICENSE.REVOKED×2');
  });
});

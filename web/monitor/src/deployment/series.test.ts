import { describe, expect, it } from 'vitest';
import {
  buildSeries,
  clampZoom,
  formatDuration,
  heartbeatGaps,
  mergeErrors,
  type StoredHeartbeat,
  splitAtGaps,
  statusBands,
  timeDomain,
} from './series';

const t0 = Date.parse('2026-11-26T10:00:00.000Z');
const min = 60_000;
function hb(id: string, atMs: number, over: Partial<StoredHeartbeat> = {}): StoredHeartbeat {
  return {
    id,
    deploymentId: 'd',
    tenantId: 't',
    appVersion: '1.0.0',
    uptimeSeconds: 10,
    sentAt: new Date(atMs).toISOString(),
    receivedAt: new Date(atMs).toISOString(),
    process: { cpuPercent: 1, memoryRssMb: 200, heapUsedMb: 100, eventLoopLagMs: 1 },
    requests: { count: 200, errors: 10, p50Ms: 20, p95Ms: 90 },
    recentErrors: [],
    ...over,
  };
}

describe('buildSeries', () => {
  it('orders by receive time, counts a retried heartbeat once, computes error rates', () => {
    const series = buildSeries([
      hb('b', t0 + min),
      hb('a', t0, { requests: { count: 0, errors: 0, p50Ms: 0, p95Ms: 0 } }),
      hb('b', t0 + min),
    ]);
    expect(series.map((p) => p.id)).toEqual(['a', 'b']);
    expect(series[0]?.errorRate).toBeUndefined();
    expect(series[1]).toMatchObject({ t: t0 + min, p50: 20, p95: 90, errorRate: 5, memoryMb: 200 });
  });
});

describe('splitAtGaps', () => {
  // Silences of 1, 1, 5, 1 and 4 minutes between the heartbeats.
  const points = buildSeries([0, 1, 2, 7, 8, 12].map((m, i) => hb(`h${i}`, t0 + m * min)));
  it('starts a new line where nothing came for longer than period + grace, and only there', () => {
    const runs = splitAtGaps(points, 4 * min);
    expect(runs.map((r) => r.map((p) => p.id))).toEqual([
      ['h0', 'h1', 'h2'],
      ['h3', 'h4', 'h5'],
    ]);
  });
  it('keeps one line when every silence is within the limit, and draws nothing without points', () => {
    expect(splitAtGaps(points, 5 * min)).toHaveLength(1);
    expect(splitAtGaps([], 4 * min)).toEqual([]);
  });
});

describe('statusBands', () => {
  const period = min;
  const grace = 3 * min;
  it('is up throughout when heartbeats keep the period', () => {
    expect(statusBands([t0, t0 + min, t0 + 2 * min], period, grace, t0 + 2.5 * min)).toEqual([
      { status: 'up', start: t0, end: t0 + 2.5 * min },
    ]);
  });
  it('goes late after a period and down after period + grace, up again on the next heartbeat', () => {
    const bands = statusBands([t0, t0 + 10 * min], period, grace, t0 + 10.5 * min);
    expect(bands).toEqual([
      { status: 'up', start: t0, end: t0 + min },
      { status: 'late', start: t0 + min, end: t0 + 4 * min },
      { status: 'down', start: t0 + 4 * min, end: t0 + 10 * min },
      { status: 'up', start: t0 + 10 * min, end: t0 + 10.5 * min },
    ]);
  });
  it('is late, not down, when the gap ends within the grace time; clips to the window', () => {
    expect(statusBands([t0, t0 + 2 * min], period, grace, t0 + 2 * min, t0 + 30_000)).toEqual([
      { status: 'up', start: t0 + 30_000, end: t0 + min },
      { status: 'late', start: t0 + min, end: t0 + 2 * min },
    ]);
  });
  it('knows nothing before the first heartbeat', () => {
    expect(statusBands([], period, grace, t0)).toEqual([]);
  });
  it('finds the gaps longer than one and a half periods', () => {
    expect(heartbeatGaps([t0, t0 + min, t0 + 5 * min], period, t0 + 5.5 * min)).toEqual([
      { start: t0 + min, end: t0 + 5 * min },
    ]);
  });
});

describe('mergeErrors', () => {
  it('adds counts by key, keeps the latest message, most frequent first', () => {
    const e = (key: string, message: string, count: number, at: number) => ({
      key,
      message,
      count,
      lastAt: new Date(at).toISOString(),
    });
    const merged = mergeErrors([
      hb('1', t0, { recentErrors: [e('DB', 'timeout 1', 2, t0), e('AUTH', 'denied', 1, t0)] }),
      hb('2', t0 + min, { recentErrors: [e('DB', 'timeout 2', 5, t0 + min)] }),
      hb('2', t0 + min, { recentErrors: [e('DB', 'timeout 2', 5, t0 + min)] }),
    ]);
    expect(merged).toEqual([
      { key: 'DB', message: 'timeout 2', count: 7, lastAt: new Date(t0 + min).toISOString(), heartbeats: 2 },
      { key: 'AUTH', message: 'denied', count: 1, lastAt: new Date(t0).toISOString(), heartbeats: 1 },
    ]);
  });
});

describe('time domain and zoom', () => {
  it('starts at the window or shortly before the first heartbeat, whichever is later', () => {
    expect(timeDomain([{ t: t0 }], t0 - 60 * min, t0 + 10 * min)).toEqual([t0 - 30_000, t0 + 10 * min]);
    expect(timeDomain([{ t: t0 }], t0 + min, t0 + 10 * min)).toEqual([t0 + min, t0 + 10 * min]);
    expect(timeDomain([], t0, t0 + 10_000)).toEqual([t0 + 10_000 - min, t0 + 10_000]);
  });
  it('clamps a brush selection; the whole domain or an empty one means no zoom', () => {
    const domain = [t0, t0 + 10 * min] as const;
    expect(clampZoom([t0 + 2 * min, t0 + min], domain)).toEqual([t0 + min, t0 + 2 * min]);
    expect(clampZoom([t0 - min, t0 + 3 * min], domain)).toEqual([t0, t0 + 3 * min]);
    expect(clampZoom([t0 - min, t0 + 11 * min], domain)).toBeUndefined();
    expect(clampZoom([t0, t0 + 10], domain)).toBeUndefined();
    expect(clampZoom(undefined, domain)).toBeUndefined();
  });
  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(3600 + 300)).toBe('1 h 5 min');
    expect(formatDuration(3 * 86_400 + 4 * 3600)).toBe('3 d 4 h');
  });
});

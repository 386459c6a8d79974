/**
 * Pure series building for the deployment page: metric points from the heartbeat history, status bands
 * for the timeline strip (the same dead-man's-switch rule as the server: late after a period, down after
 * period + grace), merged recent errors and the charts' time domain. No React, no D3.
 */
import type { StoredHeartbeat } from '@kpi/shared/contracts/monitoring-heartbeat';

export type { StoredHeartbeat };

/** One heartbeat as the charts draw it. */
export interface MetricPoint {
  id: string;
  /** Receive time (server clock), ms since the epoch. */
  t: number;
  p50: number;
  p95: number;
  /** Errors / requests in percent; undefined without requests (the line breaks there). */
  errorRate: number | undefined;
  memoryMb: number;
  requests: number;
  errors: number;
}

/** Points in time order, one per heartbeat id (a retried heartbeat counts once). */
export function buildSeries(heartbeats: readonly StoredHeartbeat[]): MetricPoint[] {
  const byId = new Map<string, MetricPoint>();
  for (const hb of heartbeats) {
    const t = Date.parse(hb.receivedAt);
    if (Number.isNaN(t) || byId.has(hb.id)) continue;
    byId.set(hb.id, {
      id: hb.id,
      t,
      p50: hb.requests.p50Ms,
      p95: hb.requests.p95Ms,
      errorRate: hb.requests.count > 0 ? (100 * hb.requests.errors) / hb.requests.count : undefined,
      memoryMb: hb.process.memoryRssMb,
      requests: hb.requests.count,
      errors: hb.requests.errors,
    });
  }
  return [...byId.values()].sort((a, b) => a.t - b.t);
}

/**
 * The points in runs that a chart draws as separate lines: a new run starts where the deployment sent
 * nothing for longer than `maxGapMs` (its period + grace: it was down), so a line never bridges an outage
 * as if the values had moved steadily across it.
 */
export function splitAtGaps(points: readonly MetricPoint[], maxGapMs: number): MetricPoint[][] {
  const runs: MetricPoint[][] = [];
  let run: MetricPoint[] = [];
  for (const p of points) {
    const last = run[run.length - 1];
    if (last && p.t - last.t > maxGapMs) {
      runs.push(run);
      run = [];
    }
    run.push(p);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

export type BandStatus = 'up' | 'late' | 'down';

/** A stretch of time in one status. */
export interface StatusBand {
  status: BandStatus;
  start: number;
  end: number;
}

/**
 * Status bands between `from` and `now` from heartbeat times (ascending, ms): up for a period after each
 * heartbeat, then late for the grace time, then down until the next heartbeat. Before the first heartbeat
 * nothing is known, so no band. Adjacent bands of one status are merged.
 */
export function statusBands(
  times: readonly number[],
  periodMs: number,
  graceMs: number,
  now: number,
  from = Number.NEGATIVE_INFINITY,
): StatusBand[] {
  const bands: StatusBand[] = [];
  const push = (status: BandStatus, start: number, end: number) => {
    const s = Math.max(start, from);
    const e = Math.min(end, now);
    if (e <= s) return;
    const last = bands[bands.length - 1];
    if (last && last.status === status && last.end >= s) last.end = Math.max(last.end, e);
    else bands.push({ status, start: s, end: e });
  };
  times.forEach((t, i) => {
    const next = times[i + 1] ?? now;
    push('up', t, Math.min(t + periodMs, next));
    if (t + periodMs < next) push('late', t + periodMs, Math.min(t + periodMs + graceMs, next));
    if (t + periodMs + graceMs < next) push('down', t + periodMs + graceMs, next);
  });
  return bands;
}

/** Silences longer than a period between heartbeats (and since the last one), for the timeline. */
export function heartbeatGaps(times: readonly number[], periodMs: number, now: number) {
  const gaps: { start: number; end: number }[] = [];
  times.forEach((t, i) => {
    const next = times[i + 1] ?? now;
    if (next - t > periodMs * 1.5) gaps.push({ start: t, end: next });
  });
  return gaps;
}

/** One error kind over the window. */
export interface MergedError {
  key: string;
  message: string;
  count: number;
  lastAt: string;
  /** In how many heartbeats it was reported. */
  heartbeats: number;
}

/**
 * The recent errors of every heartbeat merged by key: counts add up (each heartbeat reports what happened
 * since the one before), the latest message and time win. Most frequent first.
 */
export function mergeErrors(heartbeats: readonly StoredHeartbeat[]): MergedError[] {
  const byKey = new Map<string, MergedError>();
  const seen = new Set<string>();
  for (const hb of heartbeats) {
    if (seen.has(hb.id)) continue;
    seen.add(hb.id);
    for (const e of hb.recentErrors) {
      const m = byKey.get(e.key);
      if (!m)
        byKey.set(e.key, { key: e.key, message: e.message, count: e.count, lastAt: e.lastAt, heartbeats: 1 });
      else {
        m.count += e.count;
        m.heartbeats++;
        if (e.lastAt > m.lastAt) {
          m.lastAt = e.lastAt;
          m.message = e.message;
        }
      }
    }
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}

/**
 * The charts' full time domain: from the window start, or the first heartbeat when it came later (a new
 * deployment does not get hours of empty chart), to now. Never empty: at least a minute wide.
 */
export function timeDomain(
  points: readonly { t: number }[],
  windowStart: number,
  now: number,
): [number, number] {
  const first = points[0]?.t ?? now;
  const start = Math.min(Math.max(windowStart, first - 30_000), now - 60_000);
  return [start, now];
}

/** A zoom selection clamped into the full domain; undefined (= no zoom) when it is empty or the whole. */
export function clampZoom(
  selection: readonly [number, number] | undefined,
  domain: readonly [number, number],
): [number, number] | undefined {
  if (!selection) return undefined;
  const start = Math.max(domain[0], Math.min(selection[0], selection[1]));
  const end = Math.min(domain[1], Math.max(selection[0], selection[1]));
  if (end - start < 1000) return undefined;
  if (start <= domain[0] && end >= domain[1]) return undefined;
  return [start, end];
}

/** "3 d 4 h", "2 h 5 min", "42 s": a duration for people. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

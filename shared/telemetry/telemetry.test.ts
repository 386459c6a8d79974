import { describe, expect, it } from 'vitest';
import { heartbeatSchema } from '../contracts/monitoring-heartbeat';
import { ErrorCollector, errorKey } from './error-collector';
import { HeartbeatSender } from './heartbeat-sender';
import { LatencyHistogram } from './latency-histogram';

describe('LatencyHistogram', () => {
  it('quantiles within a bucket (10%) of the exact value', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i);
    expect(h.count).toBe(1000);
    expect(h.quantile(0.5)).toBeGreaterThanOrEqual(500);
    expect(h.quantile(0.5)).toBeLessThanOrEqual(550);
    expect(h.quantile(0.95)).toBeGreaterThanOrEqual(950);
    expect(h.quantile(0.95)).toBeLessThanOrEqual(1045);
    h.reset();
    expect(h.quantile(0.95)).toBe(0);
  });
  it('handles zero, negative and huge values', () => {
    const h = new LatencyHistogram();
    h.record(-5);
    h.record(Number.NaN);
    h.record(10_000_000);
    expect(h.quantile(0)).toBe(1);
    expect(h.quantile(1)).toBe(600_000);
  });
});

describe('ErrorCollector', () => {
  it('deduplicates by code, else by the message with numbers and ids masked', () => {
    const c = new ErrorCollector();
    const at = new Date('2026-11-26T10:00:00Z');
    c.record(Object.assign(new Error('timeout after 30s'), { code: 'DB.TIMEOUT' }), at);
    c.record(Object.assign(new Error('timeout after 31s'), { code: 'DB.TIMEOUT' }), at);
    c.record(new Error('row 17 missing in 3f2504e0-4f89-11d3-9a0c-0305e82c3301'), at);
    c.record(new Error('row 18 missing in 9a2504e0-4f89-11d3-9a0c-0305e82c3302'), at);
    const out = c.drain();
    expect(out.map((e) => [e.key, e.count])).toEqual([
      ['DB.TIMEOUT', 2],
      ['row <n> missing in <id>', 2],
    ]);
    expect(c.drain()).toEqual([]);
  });
  it('caps the number of distinct errors and the message length', () => {
    const c = new ErrorCollector(3);
    for (let i = 0; i < 5; i++) c.record({ code: `E${i}`, message: 'x'.repeat(2000) }, new Date());
    expect(c.dropped).toBe(2);
    const out = c.drain();
    expect(out).toHaveLength(3);
    expect(out[0]?.message.length).toBe(500);
    expect(errorKey('plain string').key).toBe('plain string');
  });
});

type Call = { url: string; body: unknown; auth: string | null };

function fakeServer(script: ((call: Call) => Response | Error)[]) {
  const calls: Call[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const call = {
      url: String(input),
      body: JSON.parse(String(init?.body)),
      auth: new Headers(init?.headers).get('authorization'),
    };
    calls.push(call);
    const step = script.shift() ?? (() => ok());
    const r = step(call);
    if (r instanceof Error) throw r;
    return r;
  }) as typeof fetch;
  return { calls, fetchFn };
}

const ok = (commands: unknown[] = []) =>
  new Response(
    JSON.stringify({ duplicate: false, serverTime: new Date().toISOString(), periodSeconds: 60, commands }),
    {
      status: 200,
      headers: { 'content-type': 'application/json' },
    },
  );

function sender(fetchFn: typeof fetch, over: Partial<ConstructorParameters<typeof HeartbeatSender>[0]> = {}) {
  let clock = Date.parse('2026-11-26T10:00:00Z');
  let n = 0;
  const s = new HeartbeatSender({
    endpoint: 'http://monitor.test/api/monitoring/',
    authorization: () => 'Deployment dc_x.y',
    deploymentId: 'contoso-prod',
    appVersion: '1.4.2',
    catalogVersion: () => '2026.11',
    dataFreshnessSeconds: () => 120.4,
    processMetrics: () => ({ cpuPercent: 3, memoryRssMb: 100, heapUsedMb: 50, eventLoopLagMs: 1 }),
    fetch: fetchFn,
    now: () => new Date(clock),
    newId: () => `hb-${++n}`,
    random: () => 1,
    backoff: { baseMs: 5_000, maxMs: 60_000 },
    ...over,
  });
  return { s, advance: (ms: number) => (clock += ms) };
}

describe('HeartbeatSender', () => {
  it('sends a valid heartbeat with the period’s request metrics and errors, then resets them', async () => {
    const server = fakeServer([]);
    const { s, advance } = sender(server.fetchFn);
    advance(90_000);
    for (let i = 0; i < 100; i++) s.recordRequest(i < 95 ? 20 : 900, i >= 98);
    s.recordError(new Error('boom 1'));
    s.recordKpiCalculation(42);
    const r = await s.tick();
    expect(r).toEqual({ sent: 1, buffered: 0, state: 'ok' });
    const call = server.calls[0] as Call;
    expect(call.url).toBe('http://monitor.test/api/monitoring/heartbeats');
    expect(call.auth).toBe('Deployment dc_x.y');
    const hb = heartbeatSchema.parse(call.body);
    expect(hb).toMatchObject({
      id: 'hb-1',
      uptimeSeconds: 90,
      catalogVersion: '2026.11',
      dataFreshnessSeconds: 120,
      kpiCalculationMs: 42,
      requests: { count: 100, errors: 2 },
      recentErrors: [{ key: 'boom <n>', count: 1 }],
    });
    expect(hb.requests.p95Ms).toBeGreaterThanOrEqual(20);
    expect(hb.requests.p95Ms).toBeLessThan(25);
    await s.tick();
    expect(heartbeatSchema.parse(server.calls[1]?.body).requests.count).toBe(0);
  });

  it('buffers while monitoring is down, honours Retry-After, then replays every heartbeat in order', async () => {
    const down = () => new Response('{}', { status: 503, headers: { 'retry-after': '30' } });
    const server = fakeServer([down, () => new TypeError('fetch failed')]);
    const { s, advance } = sender(server.fetchFn);
    const first = await s.tick();
    expect(first.state).toBe('backoff');
    expect(first.buffered).toBe(1);
    advance(20_000);
    const waiting = await s.tick(); // still inside Retry-After: buffered, not sent
    expect(waiting).toMatchObject({ sent: 0, buffered: 2, state: 'backoff' });
    expect(server.calls).toHaveLength(1);
    advance(15_000);
    const again = await s.tick(); // network error: back-off doubles (10 s with full jitter)
    expect(again).toMatchObject({ sent: 0, buffered: 3, state: 'backoff' });
    expect(again.retryAt?.getTime()).toBe(Date.parse('2026-11-26T10:00:45Z'));
    advance(10_000);
    const replay = await s.flush();
    expect(replay).toEqual({ sent: 3, buffered: 0, state: 'ok' });
    const ids = server.calls.map((c) => (c.body as { id: string }).id);
    expect(ids).toEqual(['hb-1', 'hb-1', 'hb-1', 'hb-2', 'hb-3']);
  });

  it('keeps a bounded buffer, dropping the oldest', async () => {
    const server = fakeServer(Array.from({ length: 10 }, () => () => new TypeError('offline')));
    const { s, advance } = sender(server.fetchFn, { bufferSize: 3 });
    for (let i = 0; i < 5; i++) {
      await s.tick();
      advance(120_000);
    }
    expect(s.buffered).toBe(3);
    expect(s.dropped).toBe(2);
  });

  it('drops a heartbeat the server refuses for good (400) and carries on', async () => {
    const server = fakeServer([() => new Response('{}', { status: 400 })]);
    const { s } = sender(server.fetchFn);
    expect(await s.tick()).toEqual({ sent: 0, buffered: 0, state: 'ok' });
    expect(s.dropped).toBe(1);
  });

  it('runs each received command once and posts its result; unknown kinds are answered not ok', async () => {
    const cmd = { id: 'c1', command: { kind: 'ping' }, expiresAt: '2026-11-26T11:00:00Z' };
    const other = { id: 'c2', command: { kind: 'rotate-credential' }, expiresAt: '2026-11-26T11:00:00Z' };
    const server = fakeServer([
      () => ok([cmd, other]),
      () => new Response('{}', { status: 503 }), // posting c1's result fails
      () => ok([cmd]), // delivered again until answered: not run twice
    ]);
    let pings = 0;
    const { s, advance } = sender(server.fetchFn, {
      commands: {
        ping: async () => {
          pings++;
          return { ok: true, message: 'pong' };
        },
      },
    });
    await s.tick();
    advance(60_000);
    await s.tick();
    expect(pings).toBe(1);
    const results = server.calls.filter((c) => c.url.includes('/commands/'));
    expect(results.map((c) => [c.url.split('/').slice(-2)[0], c.body])).toEqual([
      ['c1', { ok: true, message: 'pong' }],
      ['c1', { ok: true, message: 'pong' }],
      ['c2', { ok: false, message: 'rotate-credential is not supported here' }],
    ]);
  });
});

describe('merging what other instances recorded', () => {
  it('a histogram merged from entries has the same quantiles as the one recorded', () => {
    const a = new LatencyHistogram();
    for (const ms of [1, 5, 12, 40, 200, 200, 900]) a.record(ms);
    const b = new LatencyHistogram();
    b.merge(a.entries());
    b.merge([
      [-1, 5],
      [1e9, 2],
      [3, 0],
    ]);
    expect([b.count, b.quantile(0.5), b.quantile(0.95)]).toEqual([
      a.count,
      a.quantile(0.5),
      a.quantile(0.95),
    ]);
  });

  it('the sender reports windows of other instances and the extra fields in its next heartbeat', () => {
    const sender = new HeartbeatSender({
      endpoint: 'http://monitoring.invalid',
      authorization: () => 'Deployment x',
      deploymentId: 'd1',
      appVersion: '1.0.0',
      processMetrics: () => ({ cpuPercent: 1, memoryRssMb: 1, heapUsedMb: 1, eventLoopLagMs: 0 }),
      extra: () => ({ license: { state: 'grace', daysLeft: 3 }, components: { 'client-app': '1.0.0' } }),
    });
    const h = new LatencyHistogram();
    for (const ms of [10, 20, 30]) h.record(ms);
    sender.recordRequest(5, false);
    sender.recordWindow({
      buckets: h.entries(),
      count: 3,
      errors: 1,
      recentErrors: [{ key: 'X', message: 'x', count: 2, lastAt: '2026-01-01T00:00:00.000Z' }],
    });
    const hb = sender.snapshot();
    expect(hb.requests).toMatchObject({ count: 4, errors: 1 });
    expect(hb.recentErrors).toEqual([
      { key: 'X', message: 'x', count: 2, lastAt: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(hb.license).toEqual({ state: 'grace', daysLeft: 3 });
    expect(heartbeatSchema.parse(hb).components).toEqual({ 'client-app': '1.0.0' });
  });
});

/**
 * The heartbeat sender of a client deployment (used by `functions/client-app` on a 60 s timer): collects
 * request latency (histogram), errors (deduplicated) and process metrics; each `tick()` turns them into one
 * heartbeat, buffers it and sends the buffer oldest first. When monitoring cannot be reached (network
 * error, 429, 5xx) heartbeats stay in a bounded buffer and are replayed with exponential back-off (or the
 * server's `Retry-After`); their ids make replays harmless. Commands from the heartbeat response run once
 * each and their results are posted back (retried with the next flush when that fails).
 */
import { randomUUID } from 'node:crypto';
import type { CommandKind, CommandResult, PendingCommand } from '../contracts/monitoring-command';
import type { Heartbeat, HeartbeatResponse } from '../contracts/monitoring-heartbeat';
import { ErrorCollector } from './error-collector';
import { LatencyHistogram } from './latency-histogram';
import type { ProcessMetrics } from './process-metrics';

/** What a command handler reports. */
export type CommandOutcome = Pick<CommandResult, 'ok' | 'message' | 'diagnostics'>;
export type CommandHandler = (command: PendingCommand) => Promise<CommandOutcome>;

export interface HeartbeatSenderOptions {
  /** Base URL of the monitoring API, e.g. `https://…/api/monitoring`. */
  endpoint: string;
  /** The `Authorization` header value (`Deployment <id>.<secret>`); read per request, so rotation applies. */
  authorization: () => string;
  deploymentId: string;
  appVersion: string;
  catalogVersion?: () => string | undefined;
  /** More of what support needs (licence state, component versions, last runs): added to each heartbeat. */
  extra?: () => Pick<Heartbeat, 'license' | 'components' | 'lastRuns'>;
  dataFreshnessSeconds?: () => number | undefined;
  processMetrics: () => ProcessMetrics;
  /** Handlers by command kind; a kind without one is answered `ok: false`. */
  commands?: Partial<Record<CommandKind, CommandHandler>>;
  fetch?: typeof fetch;
  now?: () => Date;
  /**
   * When the deployment's process started, for `uptimeSeconds` (default: when the sender was made). A sender
   * made after start-up work, or standing in for a long-running deployment (the seeded fleet), says so here.
   */
  startedAt?: Date;
  newId?: () => string;
  /** Unsent heartbeats kept at most (oldest dropped first). Default 60 (an hour at 60 s). */
  bufferSize?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** 0..1, for back-off jitter. */
  random?: () => number;
  timeoutMs?: number;
  log?: (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;
}

export interface FlushResult {
  sent: number;
  buffered: number;
  /** `backoff`: waiting until `retryAt` before the next attempt. */
  state: 'ok' | 'backoff';
  retryAt?: Date;
}

type Attempt =
  | { ok: true; response: HeartbeatResponse }
  | { ok: false; retry: boolean; retryAfterMs?: number };

export class HeartbeatSender {
  private readonly latency = new LatencyHistogram();
  private readonly errors = new ErrorCollector();
  private readonly buffer: Heartbeat[] = [];
  private readonly pendingResults: { id: string; result: CommandOutcome }[] = [];
  private readonly seenCommands: string[] = [];
  private requests = 0;
  private failedRequests = 0;
  private kpiMs: number | undefined;
  private failures = 0;
  private retryAt = 0;
  private readonly started: number;
  /** Heartbeats dropped because the buffer was full or the server refused them for good. */
  dropped = 0;

  constructor(private readonly o: HeartbeatSenderOptions) {
    this.started = (o.startedAt ?? this.now()).getTime();
  }

  private now(): Date {
    return this.o.now ? this.o.now() : new Date();
  }

  /** One served request: its duration and whether it failed. */
  recordRequest(durationMs: number, failed: boolean): void {
    this.latency.record(durationMs);
    this.requests++;
    if (failed) this.failedRequests++;
  }

  recordError(err: unknown): void {
    this.errors.record(err, this.now());
  }

  /**
   * Requests recorded by other instances (Function instances share no memory: each stores its minute's
   * histogram, and the heartbeat timer merges them here before `tick()`).
   */
  recordWindow(window: {
    buckets: readonly (readonly [number, number])[];
    count: number;
    errors: number;
    recentErrors?: readonly { key: string; message: string; count: number; lastAt: string }[];
  }): void {
    this.latency.merge(window.buckets);
    this.requests += window.count;
    this.failedRequests += Math.min(window.errors, window.count);
    for (const e of window.recentErrors ?? []) this.errors.merge(e);
  }

  /** Duration of the latest KPI calculation. */
  recordKpiCalculation(ms: number): void {
    this.kpiMs = ms;
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** The timer: one heartbeat from what was collected since the last tick, then a flush. */
  async tick(): Promise<FlushResult> {
    this.enqueue(this.snapshot());
    return this.flush();
  }

  /** The heartbeat for the period since the last snapshot; resets the period's counters. */
  snapshot(): Heartbeat {
    const now = this.now();
    const catalogVersion = this.o.catalogVersion?.();
    const freshness = this.o.dataFreshnessSeconds?.();
    const hb: Heartbeat = {
      id: this.o.newId ? this.o.newId() : randomUUID(),
      deploymentId: this.o.deploymentId,
      appVersion: this.o.appVersion,
      ...(catalogVersion ? { catalogVersion } : {}),
      uptimeSeconds: Math.round((now.getTime() - this.started) / 1000),
      sentAt: now.toISOString(),
      process: this.o.processMetrics(),
      requests: {
        count: this.requests,
        errors: this.failedRequests,
        p50Ms: this.latency.quantile(0.5),
        p95Ms: this.latency.quantile(0.95),
      },
      ...(this.kpiMs !== undefined ? { kpiCalculationMs: this.kpiMs } : {}),
      ...(freshness !== undefined ? { dataFreshnessSeconds: Math.max(0, Math.round(freshness)) } : {}),
      recentErrors: this.errors.drain(),
      ...(this.o.extra?.() ?? {}),
    };
    this.latency.reset();
    this.requests = 0;
    this.failedRequests = 0;
    return hb;
  }

  private enqueue(hb: Heartbeat): void {
    this.buffer.push(hb);
    const limit = this.o.bufferSize ?? 60;
    while (this.buffer.length > limit) {
      this.buffer.shift();
      this.dropped++;
    }
  }

  /** Sends buffered heartbeats oldest first, unless backing off; then posts pending command results. */
  async flush(): Promise<FlushResult> {
    let sent = 0;
    const now = this.now().getTime();
    if (now < this.retryAt) return this.result(sent);
    while (this.buffer.length > 0) {
      const hb = this.buffer[0] as Heartbeat;
      const attempt = await this.post(hb);
      if (attempt.ok) {
        this.buffer.shift();
        sent++;
        this.failures = 0;
        this.retryAt = 0;
        await this.runCommands(attempt.response.commands);
        continue;
      }
      if (!attempt.retry) {
        // Refused for good (invalid payload): keeping it would block the buffer forever.
        this.buffer.shift();
        this.dropped++;
        continue;
      }
      this.failures++;
      const { baseMs, maxMs } = this.o.backoff ?? { baseMs: 5_000, maxMs: 300_000 };
      const exp = Math.min(maxMs, baseMs * 2 ** (this.failures - 1));
      const jittered = exp * (0.5 + 0.5 * (this.o.random ?? Math.random)());
      this.retryAt = this.now().getTime() + Math.max(attempt.retryAfterMs ?? 0, jittered);
      this.o.log?.('warn', 'heartbeat not delivered; backing off', {
        buffered: this.buffer.length,
        retryAt: new Date(this.retryAt).toISOString(),
      });
      break;
    }
    if (this.retryAt === 0) await this.postResults();
    return this.result(sent);
  }

  private result(sent: number): FlushResult {
    const backoff = this.retryAt > this.now().getTime();
    return {
      sent,
      buffered: this.buffer.length,
      state: backoff ? 'backoff' : 'ok',
      ...(backoff ? { retryAt: new Date(this.retryAt) } : {}),
    };
  }

  private async request(path: string, body: unknown): Promise<Response> {
    const doFetch = this.o.fetch ?? fetch;
    return doFetch(`${this.o.endpoint.replace(/\/+$/, '')}/${path}`, {
      method: 'POST',
      headers: { authorization: this.o.authorization(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
    });
  }

  private async post(hb: Heartbeat): Promise<Attempt> {
    let res: Response;
    try {
      res = await this.request('heartbeats', hb);
    } catch {
      return { ok: false, retry: true };
    }
    if (res.ok) return { ok: true, response: (await res.json()) as HeartbeatResponse };
    await res.body?.cancel().catch(() => {});
    const retryAfter = Number(res.headers.get('retry-after'));
    const permanent = res.status === 400 || res.status === 413 || res.status === 422;
    return {
      ok: false,
      retry: !permanent,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
    };
  }

  private async runCommands(commands: readonly PendingCommand[]): Promise<void> {
    for (const command of commands) {
      // Delivered again until answered: run each id once.
      if (this.seenCommands.includes(command.id)) continue;
      this.seenCommands.push(command.id);
      if (this.seenCommands.length > 200) this.seenCommands.shift();
      const handler = this.o.commands?.[command.command.kind];
      let result: CommandOutcome;
      try {
        result = handler
          ? await handler(command)
          : { ok: false, message: `${command.command.kind} is not supported here` };
      } catch (err) {
        result = { ok: false, message: (err as Error).message ?? String(err) };
      }
      this.pendingResults.push({ id: command.id, result });
    }
  }

  private async postResults(): Promise<void> {
    while (this.pendingResults.length > 0) {
      const next = this.pendingResults[0] as { id: string; result: CommandOutcome };
      try {
        const res = await this.request(`commands/${encodeURIComponent(next.id)}/result`, next.result);
        await res.body?.cancel().catch(() => {});
        // 409 (expired/answered) and 404 will never change: drop them as well.
        if (!res.ok && res.status >= 500) return;
      } catch {
        return;
      }
      this.pendingResults.shift();
    }
  }
}

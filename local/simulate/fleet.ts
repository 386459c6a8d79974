/**
 * A fleet of virtual deployments in one process. Each deployment is a real `HeartbeatSender`
 * (shared/telemetry: buffer, replay with back-off, remote commands) fed with simulated requests, errors and
 * process metrics from its scripted behaviour (scenario.ts). All of them share one timer (scheduler.ts),
 * one keep-alive connection pool (Node's fetch) and a bound on requests in flight, so thousands fit in one
 * process. Every request is observed on the way, which gives the counters of the live summary and the list
 * of acknowledged heartbeat ids that the load test compares with what Cosmos DB holds.
 */
import { randomUUID } from 'node:crypto';
import type { CommandKind } from '@kpi/shared/contracts/monitoring-command';
import { type CommandHandler, HeartbeatSender } from '@kpi/shared/telemetry/heartbeat-sender';
import { LatencyHistogram } from '@kpi/shared/telemetry/latency-histogram';
import { checkLicense } from './license-check';
import type { ProvisionedDeployment } from './provision';
import { type Behaviour, behaviourAt, type DeploymentPlan, planFor, type ScenarioName } from './scenario';
import { Scheduler } from './scheduler';

export interface FleetOptions {
  /** Functions API base, e.g. `http://127.0.0.1:7071/api`. */
  api: string;
  deployments: readonly ProvisionedDeployment[];
  periodMs: number;
  scenario: ScenarioName;
  /** Requests in flight at most. */
  concurrency: number;
  /** ± share of the period each tick moves at random (default 0.1). */
  jitter?: number;
  /** The senders' back-off (default 5 s doubling to 5 min, as in production). */
  backoff?: { baseMs: number; maxMs: number };
  appVersion?: string;
  random?: () => number;
  /**
   * Each deployment also validates its licence online, as a client app does: at start (spread over one
   * period, like the first heartbeats), then by the answer's `checkAgainAt`. Off unless asked, so the load
   * benchmarks measure heartbeats alone.
   */
  validateLicenses?: boolean;
  /** When the deployments' processes started (default: when the fleet was made), for their uptime. */
  startedAt?: Date;
}

export interface FleetStats {
  deployments: number;
  elapsedMs: number;
  /** Heartbeats made by the senders (a silent deployment makes none). */
  generated: number;
  /** Distinct heartbeats acknowledged with 2xx. */
  acked: number;
  /** Heartbeats waiting in the senders' buffers right now. */
  bufferedNow: number;
  /** Heartbeats that were not delivered on their own tick and went to the buffer. */
  buffered: number;
  /** Of those, delivered later by a replay. */
  replayed: number;
  /** Dropped by a sender (buffer overflow or refused for good): lost. */
  dropped: number;
  /** Heartbeat posts by HTTP status (`network` for no answer). */
  statuses: Record<string, number>;
  fiveXx: number;
  /** 503 answers that carried `Retry-After`. */
  unavailableWithRetryAfter: number;
  intakeP50Ms: number;
  intakeP99Ms: number;
  commandsRun: number;
  /** Deployments in a scripted episode right now, by kind. */
  episodes: Record<string, number>;
  /** Online licence validations: valid, refused (by code), failed; undefined without `validateLicenses`. */
  licenseChecks?: { valid: number; refused: Record<string, number>; failed: number };
}

interface Member {
  d: ProvisionedDeployment;
  index: number;
  plan: DeploymentPlan;
  sender: HeartbeatSender;
  behaviour: Behaviour;
  acked: Set<string>;
  lastId: string | undefined;
  /** Serialises this sender's ticks and flushes (a sender is not re-entrant). */
  chain: Promise<void>;
  replayAt: number;
}

const ERROR_KINDS = [
  { code: 'SOURCE.TIMEOUT', message: 'data source did not answer in 30 s' },
  { code: 'KPI.DIVISION_BY_ZERO', message: 'KPI formula divided by zero' },
  { code: 'HTTP.UPSTREAM_502', message: 'metadata answered 502' },
];

/** A small counting semaphore. */
function gate(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

export class Fleet {
  private readonly scheduler = new Scheduler();
  private readonly members: Member[];
  private readonly latency = new LatencyHistogram();
  private readonly bufferedIds = new Set<string>();
  private readonly statuses: Record<string, number> = {};
  private readonly limit: ReturnType<typeof gate>;
  private readonly random: () => number;
  private startedAt = 0;
  private generated = 0;
  private replayed = 0;
  private unavailableWithRetryAfter = 0;
  private commandsRun = 0;
  private readonly licenseChecks = { valid: 0, refused: {} as Record<string, number>, failed: 0 };
  /** Licence checks in flight, which `stop()` waits for. */
  private readonly checking = new Set<Promise<void>>();
  private running = false;

  constructor(private readonly o: FleetOptions) {
    this.limit = gate(o.concurrency);
    this.random = o.random ?? Math.random;
    this.members = o.deployments.map((d, index) => this.member(d, index));
  }

  private member(d: ProvisionedDeployment, index: number): Member {
    const plan = planFor(this.o.scenario, index);
    const m: Member = {
      d,
      index,
      plan,
      behaviour: behaviourAt(plan, 0, this.o.periodMs),
      acked: new Set(),
      lastId: undefined,
      chain: Promise.resolve(),
      replayAt: 0,
      sender: undefined as unknown as HeartbeatSender,
    };
    const ok =
      (message: string): CommandHandler =>
      async () => ({ ok: true, message });
    const commands: Record<CommandKind, CommandHandler> = {
      ping: ok('pong'),
      'refresh-catalog': ok('catalog reloaded'),
      'set-log-level': async (c) => ({
        ok: true,
        message: `log level ${c.command.kind === 'set-log-level' ? c.command.level : '?'}`,
      }),
      'collect-diagnostics': async () => ({
        ok: true,
        message: 'diagnostics collected',
        diagnostics: { simulated: true, index, plan: plan.kind, memoryMb: m.behaviour.memoryMb },
      }),
      // A simulated deployment keeps the credential of its activation; saying so is the honest answer.
      'rotate-credential': async () => ({
        ok: false,
        message: 'simulated deployments do not rotate credentials',
      }),
    };
    m.sender = new HeartbeatSender({
      endpoint: `${this.o.api}/monitoring`,
      authorization: () => d.authorization,
      deploymentId: d.id,
      appVersion: this.o.appVersion ?? '1.4.2',
      catalogVersion: () => '2026.11.1',
      dataFreshnessSeconds: () => 120 + (index % 7) * 60,
      processMetrics: () => ({
        cpuPercent:
          Math.round((5 + this.random() * 20 + (m.behaviour.episode === 'slow' ? 50 : 0)) * 10) / 10,
        memoryRssMb: m.behaviour.memoryMb,
        heapUsedMb: Math.round(m.behaviour.memoryMb * 0.6),
        eventLoopLagMs: Math.round((1 + this.random() * 4) * 10) / 10,
      }),
      commands: Object.fromEntries(
        Object.entries(commands).map(([kind, handler]) => [
          kind,
          async (c: Parameters<CommandHandler>[0]) => {
            this.commandsRun++;
            return handler(c);
          },
        ]),
      ),
      fetch: (input, init) => this.observe(m, String(input), init),
      newId: () => {
        m.lastId = randomUUID();
        this.generated++;
        return m.lastId;
      },
      bufferSize: 60,
      ...(this.o.startedAt ? { startedAt: this.o.startedAt } : {}),
      ...(this.o.backoff ? { backoff: this.o.backoff } : {}),
      random: this.random,
    });
    return m;
  }

  /** Sends the request and counts what came back. */
  private async observe(m: Member, url: string, init: RequestInit | undefined): Promise<Response> {
    const heartbeat = url.endsWith('/heartbeats');
    const began = performance.now();
    let res: Response;
    try {
      res = await fetch(url, init);
    } catch (err) {
      if (heartbeat) this.count('network');
      throw err;
    }
    if (!heartbeat) return res;
    this.count(String(res.status));
    if (res.status === 503 && res.headers.get('retry-after')) this.unavailableWithRetryAfter++;
    if (res.ok) {
      this.latency.record(performance.now() - began);
      // The sender puts `id` first in the body (Heartbeat field order).
      const id = /^\{"id":"([^"]+)"/.exec(String(init?.body ?? ''))?.[1];
      if (id && !m.acked.has(id)) {
        m.acked.add(id);
        if (this.bufferedIds.has(id)) this.replayed++;
      }
    }
    return res;
  }

  private count(key: string): void {
    this.statuses[key] = (this.statuses[key] ?? 0) + 1;
  }

  /** Starts the fleet: first heartbeats spread over one period. */
  start(): void {
    this.running = true;
    this.startedAt = Date.now();
    const n = this.members.length;
    for (const m of this.members) {
      const first = this.startedAt + (m.index / n) * this.o.periodMs;
      this.scheduler.at(first, () => this.tick(m, 0));
      if (this.o.validateLicenses) this.scheduler.at(first, () => this.validate(m));
    }
  }

  /**
   * One online licence check, within the in-flight bound; the next one when the service says. A deployment
   * that is silent (cut off) or got no usable answer tries again a period later; a refused one stops, as a
   * client app that lost its licence would until someone installs a new key.
   */
  private validate(m: Member): void {
    if (!this.running) return;
    const again = (at: number) => this.scheduler.at(at, () => this.validate(m));
    if (m.behaviour.silent) {
      again(Date.now() + this.o.periodMs);
      return;
    }
    const done = this.limit(() => checkLicense(this.o.api, m.d)).then((check) => {
      if (check.kind === 'valid') {
        this.licenseChecks.valid++;
        again(check.checkAgainAt);
      } else if (check.kind === 'refused') {
        this.licenseChecks.refused[check.code] = (this.licenseChecks.refused[check.code] ?? 0) + 1;
      } else {
        this.licenseChecks.failed++;
        again(Date.now() + this.o.periodMs);
      }
    });
    this.checking.add(done);
    void done.finally(() => this.checking.delete(done));
  }

  private tick(m: Member, k: number): void {
    if (!this.running) return;
    const now = Date.now();
    m.behaviour = behaviourAt(m.plan, now - this.startedAt, this.o.periodMs);
    const jitter = (this.random() * 2 - 1) * (this.o.jitter ?? 0.1) * this.o.periodMs;
    const base = this.startedAt + (m.index / this.members.length) * this.o.periodMs;
    this.scheduler.at(Math.max(now + 1, base + (k + 1) * this.o.periodMs + jitter), () =>
      this.tick(m, k + 1),
    );
    if (m.behaviour.silent) return; // down or cut off: no heartbeat, no replay
    this.simulateTraffic(m);
    this.run(m, async (sender) => {
      const result = await sender.tick();
      if (m.lastId && !m.acked.has(m.lastId)) this.bufferedIds.add(m.lastId);
      return result;
    });
  }

  /** Runs one sender operation after the previous one, within the in-flight bound; replays after back-off. */
  private run(m: Member, op: (s: HeartbeatSender) => ReturnType<HeartbeatSender['flush']>): void {
    m.chain = m.chain
      .then(() => this.limit(() => op(m.sender)))
      .then((result) => {
        // Replay as soon as the back-off ends rather than waiting for the next tick.
        if (result.buffered > 0 && result.retryAt && this.running && m.replayAt < result.retryAt.getTime()) {
          m.replayAt = result.retryAt.getTime();
          this.scheduler.at(m.replayAt + 1, () => {
            if (!m.behaviour.silent) this.run(m, (s) => s.flush());
          });
        }
      })
      .catch(() => {
        // A malformed answer; the heartbeat stays buffered and the next tick retries.
      });
  }

  private simulateTraffic(m: Member): void {
    const b = m.behaviour;
    const requests = Math.round(b.requests * (0.8 + this.random() * 0.4));
    for (let i = 0; i < requests; i++) {
      // About log-normal: most near the median, a tail at 3–4× (p95 ≈ 3× median).
      const r = this.random();
      const ms = b.latencyMs * (r < 0.9 ? 0.6 + r * 0.9 : 2.5 + (r - 0.9) * 15);
      const failed = this.random() < b.errorRate;
      m.sender.recordRequest(ms, failed);
      if (failed) m.sender.recordError(ERROR_KINDS[i % ERROR_KINDS.length]);
    }
    m.sender.recordKpiCalculation(Math.round(b.latencyMs * 1.5));
  }

  stats(): FleetStats {
    let bufferedNow = 0;
    let dropped = 0;
    let acked = 0;
    const episodes: Record<string, number> = {};
    for (const m of this.members) {
      bufferedNow += m.sender.buffered;
      dropped += m.sender.dropped;
      acked += m.acked.size;
      if (m.behaviour.episode) episodes[m.behaviour.episode] = (episodes[m.behaviour.episode] ?? 0) + 1;
    }
    const fiveXx = Object.entries(this.statuses)
      .filter(([k]) => k.startsWith('5'))
      .reduce((sum, [, v]) => sum + v, 0);
    return {
      deployments: this.members.length,
      elapsedMs: this.startedAt ? Date.now() - this.startedAt : 0,
      generated: this.generated,
      acked,
      bufferedNow,
      buffered: this.bufferedIds.size,
      replayed: this.replayed,
      dropped,
      statuses: { ...this.statuses },
      fiveXx,
      unavailableWithRetryAfter: this.unavailableWithRetryAfter,
      intakeP50Ms: this.latency.quantile(0.5),
      intakeP99Ms: this.latency.quantile(0.99),
      commandsRun: this.commandsRun,
      episodes,
      ...(this.o.validateLicenses
        ? { licenseChecks: { ...this.licenseChecks, refused: { ...this.licenseChecks.refused } } }
        : {}),
    };
  }

  /** Acknowledged heartbeat ids by deployment id. */
  ackedIds(): Map<string, ReadonlySet<string>> {
    return new Map(this.members.map((m) => [m.d.id, m.acked]));
  }

  /**
   * Stops making heartbeats, then keeps flushing the buffers (each after its back-off) until they are empty
   * or `drainMs` has passed; resolves with what is still buffered (0 = everything delivered).
   */
  async stop(drainMs = 0): Promise<number> {
    this.running = false;
    this.scheduler.stop();
    await Promise.all(this.checking);
    const until = Date.now() + drainMs;
    for (;;) {
      await Promise.all(this.members.map((m) => m.chain));
      const waiting = this.members.filter((m) => m.sender.buffered > 0);
      if (waiting.length === 0 || Date.now() >= until)
        return waiting.reduce((n, m) => n + m.sender.buffered, 0);
      for (const m of waiting) {
        m.chain = m.chain.then(() => this.limit(() => m.sender.flush()).then(() => {})).catch(() => {});
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Request metrics across Function instances, which share no memory: each instance counts its requests of
 * the current minute (latency histogram, errors, deduplicated error messages) and stores them as one blob
 * per instance and minute; the heartbeat timer, wherever it runs, takes every completed minute, merges it
 * into the heartbeat and deletes it. Stores are at most one write per instance every few seconds, never one
 * per request.
 */
import { randomUUID } from 'node:crypto';
import type { RecentError } from '@kpi/shared/contracts/monitoring-heartbeat';
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import { ErrorCollector } from '@kpi/shared/telemetry/error-collector';
import { LatencyHistogram } from '@kpi/shared/telemetry/latency-histogram';
import { STATE_CONTAINER } from '../state/blob-state';

export interface MinuteWindow {
  minute: string;
  buckets: [number, number][];
  count: number;
  errors: number;
  recentErrors: RecentError[];
}

/** Port: where instances leave their minutes and the timer takes them. */
export interface MetricsStore {
  put(window: MinuteWindow, instanceId: string): Promise<void>;
  /** Every stored window of a minute before `minute`, removed from the store. */
  takeBefore(minute: string): Promise<MinuteWindow[]>;
}

/** `YYYY-MM-DDTHH:MM` of a time: windows sort by name. */
export const minuteOf = (d: Date) => d.toISOString().slice(0, 16);

export class InstanceMetrics {
  readonly instanceId = randomUUID();
  private minute = '';
  private latency = new LatencyHistogram();
  private errorsSeen = new ErrorCollector();
  private count = 0;
  private errors = 0;
  private recentErrors: RecentError[] = [];
  private dirty = false;
  private pending: MinuteWindow[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  record(durationMs: number, failed: boolean, error?: { code: string; message: string }): void {
    this.roll();
    this.latency.record(durationMs);
    this.count++;
    if (failed) this.errors++;
    if (error)
      this.errorsSeen.record(Object.assign(new Error(error.message), { code: error.code }), this.now());
    this.dirty = true;
  }

  /** Closes the current minute when the clock has moved on. */
  private roll(): void {
    const m = minuteOf(this.now());
    if (m === this.minute) return;
    if (this.count > 0) this.pending.push(this.window());
    this.minute = m;
    this.latency = new LatencyHistogram();
    this.errorsSeen = new ErrorCollector();
    this.recentErrors = [];
    this.count = 0;
    this.errors = 0;
  }

  private window(): MinuteWindow {
    this.recentErrors = [...this.recentErrors, ...this.errorsSeen.drain()];
    return {
      minute: this.minute,
      buckets: this.latency.entries(),
      count: this.count,
      errors: this.errors,
      recentErrors: this.recentErrors,
    };
  }

  /** Stores what changed: closed minutes, then the current one. */
  async flush(store: MetricsStore): Promise<void> {
    this.roll();
    const closed = this.pending;
    this.pending = [];
    for (const w of closed) await store.put(w, this.instanceId);
    if (this.dirty && this.count > 0) {
      this.dirty = false;
      await store.put(this.window(), this.instanceId);
    }
  }
}

export class BlobMetricsStore implements MetricsStore {
  constructor(private readonly blobs: BlobStore) {}

  put(window: MinuteWindow, instanceId: string): Promise<void> {
    return this.blobs.putJson(STATE_CONTAINER, `metrics/${window.minute}/${instanceId}.json`, window);
  }

  async takeBefore(minute: string): Promise<MinuteWindow[]> {
    const names = (await this.blobs.list(STATE_CONTAINER, 'metrics/'))
      .map((b) => b.name)
      .filter((n) => (n.split('/')[1] ?? '') < minute);
    const out: MinuteWindow[] = [];
    for (const name of names) {
      const w = (await this.blobs.getJson(STATE_CONTAINER, name)) as MinuteWindow | undefined;
      if (w) out.push(w);
      await this.blobs.delete(STATE_CONTAINER, name);
    }
    return out;
  }
}

/**
 * A latency histogram with fixed log-spaced buckets (about 10% wide from 1 ms to ~10 min): constant memory
 * whatever the request rate, quantiles within one bucket's width. Reset after each heartbeat.
 */
const GROWTH = 1.1;
const MAX_MS = 600_000;
const BUCKETS = Math.ceil(Math.log(MAX_MS) / Math.log(GROWTH)) + 2;

/** Upper bound (ms) of bucket `i`. */
const upper = (i: number) => (i === 0 ? 1 : GROWTH ** i);

export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private total = 0;

  /** Records one duration in milliseconds (negative and NaN count as 0). */
  record(ms: number): void {
    const v = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const i = v <= 1 ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(v) / Math.log(GROWTH)));
    this.counts[i] = (this.counts[i] as number) + 1;
    this.total++;
  }

  get count(): number {
    return this.total;
  }

  /** The q-quantile (0..1) as the upper bound of its bucket, rounded to 0.1 ms; 0 when empty. */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return Math.round(Math.min(upper(i), MAX_MS) * 10) / 10;
    }
    return MAX_MS;
  }

  /** The non-empty buckets as `[index, count]` pairs: what an instance stores for another to merge. */
  entries(): [number, number][] {
    const out: [number, number][] = [];
    this.counts.forEach((c, i) => {
      if (c > 0) out.push([i, c]);
    });
    return out;
  }

  /** Adds buckets recorded elsewhere (`entries()` of another histogram); unknown indexes are ignored. */
  merge(entries: readonly (readonly [number, number])[]): void {
    for (const [i, c] of entries) {
      if (!Number.isInteger(i) || i < 0 || i >= BUCKETS || !Number.isInteger(c) || c <= 0) continue;
      this.counts[i] = (this.counts[i] as number) + c;
      this.total += c;
    }
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
  }
}

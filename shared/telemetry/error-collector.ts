/**
 * Collects errors between heartbeats, deduplicated by a key (the error's code, else its message with
 * numbers and ids masked), counted, capped in number and message length.
 */
import { HEARTBEAT_LIMITS, type RecentError } from '../contracts/monitoring-heartbeat';

/** The grouping key of an error: its `code` if it has one, else the message with variable parts masked. */
export function errorKey(err: unknown): { key: string; message: string } {
  const e = err as { code?: unknown; message?: unknown } | null;
  const message = (typeof e?.message === 'string' ? e.message : String(err)).slice(
    0,
    HEARTBEAT_LIMITS.maxErrorMessageChars,
  );
  if (typeof e?.code === 'string' && e.code.length > 0) return { key: e.code.slice(0, 200), message };
  const masked = message
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/\d+/g, '<n>')
    .slice(0, 200);
  return { key: masked || 'unknown', message };
}

export class ErrorCollector {
  private readonly errors = new Map<string, RecentError>();
  /** Errors whose key did not fit any more (the cap was reached). */
  dropped = 0;

  constructor(private readonly max: number = HEARTBEAT_LIMITS.maxRecentErrors) {}

  record(err: unknown, at: Date): void {
    const { key, message } = errorKey(err);
    const seen = this.errors.get(key);
    if (seen) {
      seen.count++;
      seen.lastAt = at.toISOString();
      seen.message = message;
      return;
    }
    if (this.errors.size >= this.max) {
      this.dropped++;
      return;
    }
    this.errors.set(key, { key, message, count: 1, lastAt: at.toISOString() });
  }

  /** Adds an error already grouped elsewhere (another instance's collector). */
  merge(e: RecentError): void {
    const seen = this.errors.get(e.key);
    if (seen) {
      seen.count += e.count;
      if (e.lastAt > seen.lastAt) {
        seen.lastAt = e.lastAt;
        seen.message = e.message;
      }
      return;
    }
    if (this.errors.size >= this.max) {
      this.dropped++;
      return;
    }
    this.errors.set(e.key, { ...e });
  }

  /** The collected errors, most frequent first; empties the collector. */
  drain(): RecentError[] {
    const out = [...this.errors.values()].sort((a, b) => b.count - a.count);
    this.errors.clear();
    this.dropped = 0;
    return out;
  }
}

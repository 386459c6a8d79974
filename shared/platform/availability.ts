/**
 * Maps a store that cannot be reached to 503 with `Retry-After`, so senders buffer and replay instead of
 * treating the failure as a rejected heartbeat. Anything else passes through unchanged.
 */
import { AppError, ErrorCodes, isAppError } from './errors';

/** Seconds a client should wait before retrying when a store is unavailable. */
export const RETRY_AFTER_SECONDS = 15;

const transientCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True for errors that mean "the store is not reachable right now". */
export function isTransient(err: unknown): boolean {
  if (isAppError(err)) return false;
  const e = err as { code?: unknown; cause?: unknown; name?: unknown; errors?: unknown } | null;
  if (!e) return false;
  if (e.code === 429 || e.code === 503 || e.code === 408) return true;
  if (typeof e.code === 'string' && transientCodes.has(e.code)) return true;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
  if (Array.isArray(e.errors) && e.errors.some(isTransient)) return true;
  return e.cause !== undefined && e.cause !== err && isTransient(e.cause);
}

/** Runs `work`; a transient store failure becomes 503 `SERVICE.UNAVAILABLE` with `Retry-After`. */
export async function whileAvailable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isTransient(err)) throw err;
    throw new AppError(
      ErrorCodes.unavailable,
      'Storage is unavailable; retry later',
      503,
      undefined,
      { 'retry-after': String(RETRY_AFTER_SECONDS) },
      { cause: err },
    );
  }
}

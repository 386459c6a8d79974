/**
 * Retrying a read-modify-write that lost a storage race (a create that met another create, a replace with a
 * stale etag). Each try must read afresh. Randomised, growing pauses ("full jitter") keep contenders from
 * colliding again in step; 32 heartbeats of one deployment at once need up to 32 rounds. When the budget is
 * spent the answer is 503 with Retry-After: the server is busy, not the request wrong, so never a 412 the
 * sender cannot act on.
 */
import { RETRY_AFTER_SECONDS } from '@kpi/shared/platform/availability';
import { isLostRace } from '@kpi/shared/platform/cosmos/conditions';
import { AppError, ErrorCodes } from '@kpi/shared/platform/errors';

export interface RetryBudget {
  attempts: number;
  /** The longest pause between two tries. */
  maxPauseMs: number;
}

/** A person's edit: a handful of tries, as before. */
export const FEW: RetryBudget = { attempts: 5, maxPauseMs: 20 };

/** Enough for a few dozen writers of one document at once. */
export const CONTENDED: RetryBudget = { attempts: 60, maxPauseMs: 40 };

export async function retryLostRaces<T>(attempt: () => Promise<T>, budget = CONTENDED): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isLostRace(err)) throw err;
      if (n >= budget.attempts) {
        throw new AppError(
          ErrorCodes.unavailable,
          'Too many concurrent changes to the same record; retry later',
          503,
          undefined,
          { 'retry-after': String(RETRY_AFTER_SECONDS) },
          { cause: err },
        );
      }
      const ceiling = Math.min(budget.maxPauseMs, 2 * 2 ** Math.min(n, 5));
      await new Promise((r) => setTimeout(r, Math.random() * ceiling));
    }
  }
}

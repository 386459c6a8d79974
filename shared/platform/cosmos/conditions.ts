/**
 * Storage conditions as names, so use cases never compare HTTP numbers: the stores in this folder raise an
 * `AppError` with 409 when an item with that id already exists and 412 when an `If-Match` etag is stale.
 * A use case that retries or skips on one of them asks here.
 */
import { isAppError } from '../errors';

/** The item already exists (a create raced another create, or the effect was already recorded). */
export const isConflict = (err: unknown): boolean => isAppError(err) && err.httpStatus === 409;

/** Someone else changed the item since it was read (the `If-Match` etag no longer matches). */
export const isPreconditionFailed = (err: unknown): boolean => isAppError(err) && err.httpStatus === 412;

/** Either of the two: the write lost a race and may be retried on a fresh read. */
export const isLostRace = (err: unknown): boolean => isConflict(err) || isPreconditionFailed(err);

/**
 * Runs work for one key at a time in this process. Heartbeats of one deployment that arrive together would
 * otherwise all read the same deployment document and all but one lose the etag race, again and again;
 * queued here they write one after another. Races with other processes (scaled-out instances, the sweep)
 * are still settled by the etag and retried.
 */
const tails = new Map<string, Promise<unknown>>();

export async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = tails.get(key) ?? Promise.resolve();
  const run = before.then(work, work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}

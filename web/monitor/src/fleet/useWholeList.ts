import { ensureError, useApiClient } from '@kpi/web-ui/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ListPage } from '../monitoring-api';

/** Every item of a paged list (up to a cap), with whether the cap cut it short. */
export interface WholeList<T> {
  items: T[];
  /** False when more pages were left unread (the cap was reached). */
  complete: boolean;
}

/** Like `ApiState`, for a list read page by page. */
export interface WholeListState<T> {
  data: WholeList<T> | undefined;
  error: Error | undefined;
  loading: boolean;
  updatedAt: Date | undefined;
  reload(): void;
}

export interface WholeListOptions {
  /** Read the whole list again this long after the previous read ended. */
  refreshMs?: number;
  /** Pages read at most (the API allows at most 100 items a page). */
  maxPages?: number;
  /**
   * When this changes, the list is read again as soon as the current read (if any) ends: a cheap poll
   * (the fleet summary) says when the expensive list is worth reading. A read in progress is never
   * aborted for it, so a busy fleet cannot starve the list.
   */
  staleKey?: string;
  /** Time at least between the end of one read and a read that `staleKey` asked for. */
  minGapMs?: number;
}

/**
 * GETs every page of `path` (which must not carry a continuation token), at most `maxPages`, again every
 * `refreshMs` and whenever `staleKey` changes, keeping the previous list on screen meanwhile. One read runs
 * at a time: a slow API never piles up requests.
 */
export function useWholeList<T>(
  path: string | undefined,
  { refreshMs, maxPages = 20, staleKey, minGapMs = 0 }: WholeListOptions = {},
): WholeListState<T> {
  const client = useApiClient();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<Omit<WholeListState<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: path !== undefined,
    updatedAt: undefined,
  });
  const reload = useCallback(() => setTick((t) => t + 1), []);
  // Set by a `staleKey` change: read now if idle, else right after the read in progress.
  const wake = useRef<() => void>(() => {});
  const pending = useRef(false);
  const lastKey = useRef<string | undefined>(undefined);

  useEffect(() => {
    const previous = lastKey.current;
    lastKey.current = staleKey;
    // The first key (the summary arriving) describes what the first read sees anyway.
    if (previous === undefined || staleKey === undefined || previous === staleKey) return;
    pending.current = true;
    wake.current();
  }, [staleKey]);

  // `tick` is a dependency on purpose: bumping it starts over (Retry).
  useEffect(() => {
    if (path === undefined) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      const items: T[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const sep = path.includes('?') ? '&' : '?';
        const url = token ? `${path}${sep}continuationToken=${encodeURIComponent(token)}` : path;
        const page = await client.get<ListPage<T>>(url, { signal: controller.signal });
        items.push(...page.items);
        token = page.continuationToken;
        pages++;
      } while (token && pages < maxPages);
      return { items, complete: !token };
    };
    let reading = false;
    let endedAt = 0;
    const run = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      reading = true;
      pending.current = false;
      read()
        .then((data) => setState({ data, error: undefined, loading: false, updatedAt: new Date() }))
        .catch((err: unknown) => {
          if (controller.signal.aborted) return;
          setState((s) => ({ ...s, error: ensureError(err), loading: false }));
        })
        .finally(() => {
          reading = false;
          endedAt = Date.now();
          if (controller.signal.aborted) return;
          if (pending.current) timer = setTimeout(run, minGapMs);
          // The next read starts a period after this one ended, not on a fixed clock.
          else if (refreshMs !== undefined) timer = setTimeout(run, refreshMs);
        });
    };
    wake.current = () => {
      if (reading || controller.signal.aborted) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, Math.max(0, endedAt + minGapMs - Date.now()));
    };
    run();
    return () => {
      controller.abort();
      wake.current = () => {};
      if (timer) clearTimeout(timer);
    };
  }, [client, path, tick, maxPages, refreshMs, minGapMs]);

  return { ...state, reload };
}

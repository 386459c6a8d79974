import { useApiClient } from '@kpi/web-ui/api';
import { useCallback, useEffect, useState } from 'react';

/** A page of a list route: `{ items, continuationToken? }`. */
interface Page<T> {
  items: T[];
  continuationToken?: string;
}

/** Every item of a paged list (up to a cap), with whether the cap cut it short. */
export interface PagedList<T> {
  items: T[];
  /** False when more pages were left unread (the cap was reached). */
  complete: boolean;
}

/** Like `ApiState`, for a list read page by page. */
export interface PagedListState<T> {
  data: PagedList<T> | undefined;
  error: Error | undefined;
  loading: boolean;
  updatedAt: Date | undefined;
  reload(): void;
}

/**
 * GETs every page of `path` (which must not carry a continuation token), at most `maxPages`, and with
 * `refreshMs` reads them again on that period, keeping the previous list on screen meanwhile. One read
 * runs at a time: a slow API never piles up requests.
 */
export function usePagedList<T>(
  path: string | undefined,
  { refreshMs, maxPages = 20 }: { refreshMs?: number; maxPages?: number } = {},
): PagedListState<T> {
  const client = useApiClient();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<Omit<PagedListState<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: path !== undefined,
    updatedAt: undefined,
  });
  const reload = useCallback(() => setTick((t) => t + 1), []);

  // `tick` is a dependency on purpose: bumping it reads the list again.
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
        const page = await client.get<Page<T>>(url, { signal: controller.signal });
        items.push(...page.items);
        token = page.continuationToken;
        pages++;
      } while (token && pages < maxPages);
      return { items, complete: !token };
    };
    read()
      .then((data) => setState({ data, error: undefined, loading: false, updatedAt: new Date() }))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({
          ...s,
          error: err instanceof Error ? err : new Error(String(err)),
          loading: false,
        }));
      })
      .finally(() => {
        // The next read starts a period after this one ended, not on a fixed clock.
        if (!controller.signal.aborted && refreshMs !== undefined) timer = setTimeout(reload, refreshMs);
      });
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [client, path, tick, maxPages, refreshMs, reload]);

  return { ...state, reload };
}

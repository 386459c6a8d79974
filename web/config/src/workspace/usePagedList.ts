import { ensureError, useApiClient } from '@kpi/web-ui/api';
import { useCallback, useEffect, useState } from 'react';

/** Every item of a paged list (`{ items, continuationToken? }`). */
export interface PagedListState<T> {
  items: T[];
  loading: boolean;
  error: Error | undefined;
  reload(): void;
}

// Lists here (a vendor's tenants, a tenant's configurations) hold tens to a few hundred items: reading
// every page (100 a page) keeps them plain lists; the cap stops a runaway continuation loop.
const pageSize = 100;
const maxPages = 50;

/**
 * GETs `path` and follows the continuation token to the last page; keeps the previous items on screen
 * while reloading. `path` undefined reads nothing.
 */
export function usePagedList<T>(path: string | undefined): PagedListState<T> {
  const client = useApiClient();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<Omit<PagedListState<T>, 'reload'>>({
    items: [],
    loading: path !== undefined,
    error: undefined,
  });
  const reload = useCallback(() => setTick((t) => t + 1), []);

  // `tick` is a dependency on purpose: bumping it reads again.
  useEffect(() => {
    if (path === undefined) {
      setState({ items: [], loading: false, error: undefined });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    (async () => {
      const all: T[] = [];
      let token: string | undefined;
      for (let page = 0; page < maxPages; page += 1) {
        const query = new URLSearchParams({ limit: String(pageSize) });
        if (token) query.set('continuationToken', token);
        const res = await client.get<{ items: T[]; continuationToken?: string }>(`${path}?${query}`, {
          signal: controller.signal,
        });
        all.push(...res.items);
        token = res.continuationToken;
        if (!token) break;
      }
      return all;
    })()
      .then((items) => setState({ items, loading: false, error: undefined }))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, loading: false, error: ensureError(err) }));
      });
    return () => controller.abort();
  }, [client, path, tick]);

  return { ...state, reload };
}

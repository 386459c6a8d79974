import { type ApiState, ensureError, useApi, useApiClient } from '@kpi/web-ui/api';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ListPage } from '../monitoring-api';

export interface NewestFirstList<T extends { id: string }> {
  first: ApiState<ListPage<T>>;
  /** The first page (refreshed live) followed by the older pages loaded so far, without duplicates. */
  items: T[];
  hasMore: boolean;
  loadingMore: boolean;
  moreError: Error | undefined;
  loadMore(): void;
}

/**
 * A newest-first list read page by page with the API's continuation token. The first page is polled (new
 * entries appear at the top); older pages are appended on request and dropped when the path changes.
 */
export function useNewestFirstList<T extends { id: string }>(
  path: string | undefined,
  { pageSize = 50, refreshMs }: { pageSize?: number; refreshMs?: number } = {},
): NewestFirstList<T> {
  const client = useApiClient();
  const sep = path?.includes('?') ? '&' : '?';
  const firstPath = path && `${path}${sep}limit=${pageSize}`;
  const first = useApi<ListPage<T>>(firstPath, refreshMs ? { refreshMs } : {});
  const [older, setOlder] = useState<{ items: T[]; token?: string; started: boolean }>({
    items: [],
    started: false,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error>();

  // A new path (other tenant) starts over.
  useEffect(() => {
    setOlder({ items: [], started: false });
    setMoreError(undefined);
  }, [firstPath]);

  const token = older.started ? older.token : first.data?.continuationToken;
  const loadMore = useCallback(() => {
    if (!firstPath || !token) return;
    setLoadingMore(true);
    setMoreError(undefined);
    client
      .get<ListPage<T>>(`${firstPath}&continuationToken=${encodeURIComponent(token)}`)
      .then((page) =>
        setOlder((o) => ({
          items: [...o.items, ...page.items],
          ...(page.continuationToken ? { token: page.continuationToken } : {}),
          started: true,
        })),
      )
      .catch((err: unknown) => setMoreError(ensureError(err)))
      .finally(() => setLoadingMore(false));
  }, [client, firstPath, token]);

  const items = useMemo(() => {
    const seen = new Set<string>();
    return [...(first.data?.items ?? []), ...older.items].filter((i) => !seen.has(i.id) && !!seen.add(i.id));
  }, [first.data, older.items]);

  return { first, items, hasMore: !!token, loadingMore, moreError, loadMore };
}

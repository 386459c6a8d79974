import type { StoredHeartbeat } from '@kpi/shared/contracts/monitoring-heartbeat';
import { ensureError, useApiClient } from '@kpi/web-ui/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ListPage } from '../monitoring-api';

/** Heartbeats of one deployment within a window, newest first, refreshed incrementally. */
export interface HeartbeatHistory {
  items: StoredHeartbeat[] | undefined;
  error: Error | undefined;
  loading: boolean;
  /** False when the window held more heartbeats than a read may fetch (the oldest are left out). */
  complete: boolean;
  updatedAt: Date | undefined;
  reload(): void;
}

const PAGE = 100;

/**
 * Reads the history (newest first) page by page back to `windowMs` before now, at most `maxPages`; every
 * `refreshMs` reads only the pages newer than what it holds (usually one), so polling stays cheap even for
 * a day of heartbeats.
 */
export function useHeartbeatHistory(
  path: string | undefined,
  windowMs: number,
  { refreshMs, maxPages = 16 }: { refreshMs: number; maxPages?: number },
): HeartbeatHistory {
  const client = useApiClient();
  const [state, setState] = useState<Omit<HeartbeatHistory, 'reload'>>({
    items: undefined,
    error: undefined,
    loading: true,
    complete: true,
    updatedAt: undefined,
  });
  const held = useRef<{ key: string; items: StoredHeartbeat[]; complete: boolean } | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  // `tick` is a dependency on purpose: each bump reads again (the timer below bumps it).
  useEffect(() => {
    if (path === undefined) return;
    const key = `${path}|${windowMs}`;
    const known = held.current?.key === key ? held.current : undefined;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      const since = Date.now() - windowMs;
      const newest = known?.items[0]?.receivedAt;
      const fresh: StoredHeartbeat[] = [];
      let token: string | undefined;
      let pages = 0;
      let reachedEnd = false;
      for (;;) {
        const sep = path.includes('?') ? '&' : '?';
        const url = `${path}${sep}limit=${PAGE}${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;
        const page = await client.get<ListPage<StoredHeartbeat>>(url, { signal: controller.signal });
        fresh.push(...page.items);
        token = page.continuationToken;
        pages++;
        const oldest = page.items[page.items.length - 1]?.receivedAt;
        // Stop at what is already held, at the window's start, or at the end of the history.
        if (!token || !oldest) reachedEnd = true;
        if (reachedEnd || (newest && oldest && oldest <= newest) || (oldest && Date.parse(oldest) < since))
          break;
        if (pages >= maxPages) break;
      }
      const byId = new Map<string, StoredHeartbeat>();
      for (const hb of [...fresh, ...(known?.items ?? [])]) if (!byId.has(hb.id)) byId.set(hb.id, hb);
      const items = [...byId.values()]
        .filter((hb) => Date.parse(hb.receivedAt) >= since)
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
      const oldestRead = fresh[fresh.length - 1]?.receivedAt;
      const complete = known
        ? known.complete
        : reachedEnd || (oldestRead !== undefined && Date.parse(oldestRead) < since);
      held.current = { key, items, complete };
      return { items, complete };
    };
    read()
      .then(({ items, complete }) =>
        setState({ items, complete, error: undefined, loading: false, updatedAt: new Date() }),
      )
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, error: ensureError(err), loading: false }));
      })
      .finally(() => {
        if (!controller.signal.aborted) timer = setTimeout(reload, refreshMs);
      });
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [client, path, windowMs, refreshMs, maxPages, tick, reload]);

  return { ...state, reload };
}

import type {
  KpiResult,
  KpiResultChanges,
  KpiResultList,
  ResultGrain,
} from '@kpi/shared/contracts/calculation';
import { ensureError, useApi, useApiClient } from '@kpi/web-ui/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { mergeChanges } from './dashboard-model';

/** How often the change feed is asked (it answers from an index: cheap). */
export const LIVE_POLL_MS = 5_000;
/** How long a tile that changed carries its marker. */
export const UPDATED_MARK_MS = 4_000;

export interface LiveResults {
  /** Results of the grain by result id; undefined until the first answer. */
  results: ReadonlyMap<string, KpiResult> | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
  /** KPIs whose shown reading changed in the last few seconds (the "updated" marker). */
  updated: ReadonlySet<string>;
  /** Why the change feed could not be read, while it cannot (the values shown may be old). */
  liveError: Error | undefined;
}

/**
 * The results of one grain (`GET calculation/results`, revalidated by its ETag), kept current by polling the
 * change feed from the list's token: changed results are merged in place and their KPIs marked for a few
 * seconds; nothing is reloaded. Starts only when `enabled` (after the licence-checked KPI list answered).
 */
export function useLiveResults(grain: ResultGrain, enabled: boolean, pollMs = LIVE_POLL_MS): LiveResults {
  const client = useApiClient();
  const list = useApi<KpiResultList>(enabled ? `calculation/results?grain=${grain}` : undefined);
  const [results, setResults] = useState<{ grain: ResultGrain; map: Map<string, KpiResult> }>();
  const [updated, setUpdated] = useState<ReadonlySet<string>>(new Set());
  const [liveError, setLiveError] = useState<Error>();
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  // What is shown, also read by the polling loop (merging needs the current map, not a render's copy).
  const shown = useRef<Map<string, KpiResult>>(undefined);

  const mark = useCallback((kpiIds: Iterable<string>) => {
    for (const id of kpiIds) {
      clearTimeout(timers.current.get(id));
      timers.current.set(
        id,
        setTimeout(() => {
          timers.current.delete(id);
          setUpdated((s) => new Set([...s].filter((x) => x !== id)));
        }, UPDATED_MARK_MS),
      );
      setUpdated((s) => (s.has(id) ? s : new Set([...s, id])));
    }
  }, []);
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const t of pending.values()) clearTimeout(t);
    };
  }, []);

  // Right after the grain changed, the list on hand is still the other grain's until the new one answers.
  const data = list.data?.items.some((r) => r.grain !== grain) ? undefined : list.data;
  useEffect(() => {
    if (!data) return;
    shown.current = new Map(data.items.filter((r) => r.grain === grain).map((r) => [r.id, r]));
    setResults({ grain, map: shown.current });
  }, [data, grain]);

  // One loop per list answer: each round asks for what was written after the newest token seen.
  useEffect(() => {
    if (!data) return;
    const controller = new AbortController();
    let token = data.token;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const round = async () => {
      let again = pollMs;
      try {
        const changes = await client.get<KpiResultChanges>(
          `calculation/results/changes?since=${encodeURIComponent(token)}`,
          { signal: controller.signal },
        );
        token = changes.token;
        if (changes.items.length) {
          const { next, changed } = mergeChanges(shown.current ?? new Map(), changes.items, grain);
          shown.current = next;
          setResults({ grain, map: next });
          mark(changed);
        }
        setLiveError(undefined);
        if (changes.more) again = 0;
      } catch (err) {
        if (controller.signal.aborted) return;
        setLiveError(ensureError(err));
      }
      if (!controller.signal.aborted) timer = setTimeout(round, again);
    };
    timer = setTimeout(round, pollMs);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [client, data, grain, pollMs, mark]);

  return {
    // While another grain's list is still on its way, there is nothing of this grain to show yet.
    results: results?.grain === grain ? results.map : undefined,
    error: list.error,
    loading: list.loading,
    reload: list.reload,
    updated,
    liveError,
  };
}

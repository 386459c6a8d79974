import { useCallback, useEffect, useState } from 'react';
import { useApiClient } from './ApiProvider';
import { ApiError, ensureError } from './api-error';

/** State of a GET: data stays shown while a refresh is in flight. */
export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  /** True until the first answer (success or failure). */
  loading: boolean;
  /** True while any request, including a background refresh, is in flight. */
  fetching: boolean;
  /** When the data was last received. */
  updatedAt: Date | undefined;
  /** Fetches again now. */
  reload(): void;
}

export interface UseApiOptions {
  /** Fetch again every `refreshMs` milliseconds (live views); off when undefined. */
  refreshMs?: number;
}

/**
 * GETs `path` from the API with the user's token. Aborts the request when the component unmounts or
 * the path changes; with `refreshMs` it polls, keeping the previous data on screen meanwhile.
 */
export function useApi<T>(path: string | undefined, { refreshMs }: UseApiOptions = {}): ApiState<T> {
  const client = useApiClient();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<Omit<ApiState<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: path !== undefined,
    fetching: path !== undefined,
    updatedAt: undefined,
  });
  const reload = useCallback(() => setTick((t) => t + 1), []);

  // `tick` is a dependency on purpose: bumping it (reload) fetches again.
  useEffect(() => {
    if (path === undefined) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, fetching: true }));
    client
      .get<T>(path, { signal: controller.signal })
      .then((data) =>
        setState({ data, error: undefined, loading: false, fetching: false, updatedAt: new Date() }),
      )
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, error: ensureError(err), loading: false, fetching: false }));
      });
    return () => controller.abort();
  }, [client, path, tick]);

  useEffect(() => {
    if (path === undefined || refreshMs === undefined) return;
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [path, refreshMs, reload]);

  return { ...state, reload };
}

export { ApiError };

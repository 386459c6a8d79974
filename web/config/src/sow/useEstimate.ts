import { useApiClient } from '@kpi/web-ui/api';
import { useEffect, useRef, useState } from 'react';
import { type EstimateRequest, type EstimateResponse, requestBody } from './sow-model';

/** The live estimate: the last answer stays shown while a newer request is in flight. */
export interface EstimateState {
  data: EstimateResponse | undefined;
  error: Error | undefined;
  /** A request is pending (debounce or network). */
  updating: boolean;
  retry(): void;
}

/**
 * POSTs `estimate` whenever the request changes, `delayMs` after the last change (typing a rate does not
 * send a request per keystroke); an older answer arriving late never replaces a newer one.
 */
export function useEstimate(
  configurationPath: string | undefined,
  request: EstimateRequest | undefined,
  delayMs = 350,
): EstimateState {
  const client = useApiClient();
  const [data, setData] = useState<EstimateResponse>();
  const [error, setError] = useState<Error>();
  const [updating, setUpdating] = useState(false);
  const [tick, setTick] = useState(0);
  const first = useRef(true);

  // `tick` is a dependency on purpose: retry() sends the same request again.
  useEffect(() => {
    if (!configurationPath || !request) return;
    const controller = new AbortController();
    setUpdating(true);
    // The first estimate goes out at once; later ones wait for typing to pause.
    const delay = first.current ? 0 : delayMs;
    first.current = false;
    const timer = setTimeout(() => {
      client
        .post<EstimateResponse>(`${configurationPath}/estimate`, requestBody(request), {
          signal: controller.signal,
        })
        .then((answer) => {
          setData(answer);
          setError(undefined);
          setUpdating(false);
        })
        .catch((err: unknown) => {
          if (controller.signal.aborted) return;
          setError(err instanceof Error ? err : new Error(String(err)));
          setUpdating(false);
        });
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, configurationPath, request, delayMs, tick]);

  return { data, error, updating, retry: () => setTick((t) => t + 1) };
}

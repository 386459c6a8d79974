import { ensureError, useApiClient } from '@kpi/web-ui/api';
import { useEffect, useState } from 'react';
import { type FleetSummaryBody, normaliseSummary } from './fleet-paging';

export type FleetSummary = ReturnType<typeof normaliseSummary>;

/** The summary endpoint's counts, polled every `refreshMs` (one request at a time); exact at any fleet size. */
export function useFleetSummary(
  path: string | undefined,
  tenantId: string | undefined,
  refreshMs: number,
): { summary: FleetSummary | undefined; error: Error | undefined } {
  const client = useApiClient();
  const [state, setState] = useState<{ summary: FleetSummary | undefined; error: Error | undefined }>({
    summary: undefined,
    error: undefined,
  });
  useEffect(() => {
    if (path === undefined) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      client
        .get<FleetSummaryBody>(path, { signal: controller.signal })
        .then((body) => setState({ summary: normaliseSummary(body, tenantId), error: undefined }))
        .catch((err: unknown) => {
          if (!controller.signal.aborted) setState((s) => ({ ...s, error: ensureError(err) }));
        })
        .finally(() => {
          if (!controller.signal.aborted) timer = setTimeout(poll, refreshMs);
        });
    };
    poll();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [client, path, tenantId, refreshMs]);
  return state;
}

import { type ApiClient, createApiClient, type RequestOptions } from '@kpi/web-ui/api';
import { useAuth } from '@kpi/web-ui/auth';
import { loadRuntimeConfig, type RuntimeConfig } from '@kpi/web-ui/config';
import { useCallback, useRef } from 'react';

/** A response body with the ETag header the metadata service sends for a custom KPI. */
export interface WithEtag<T> {
  body: T;
  etag: string | undefined;
}

let runtimeConfig: Promise<RuntimeConfig> | undefined;

function config(): Promise<RuntimeConfig> {
  runtimeConfig ??= loadRuntimeConfig().catch((err: unknown) => {
    runtimeConfig = undefined; // try again next time
    throw err;
  });
  return runtimeConfig;
}

/**
 * Requests that also return the response's `ETag`. The shared client answers with the body only, and the
 * metadata service sends a custom KPI's etag (for `If-Match`) as a header, not in the body; so each call
 * uses a client of the same settings and token whose fetch notes the header.
 */
export function useEtagRequest(): <T>(
  method: string,
  path: string,
  options?: RequestOptions,
) => Promise<WithEtag<T>> {
  const auth = useAuth();
  const authRef = useRef(auth);
  authRef.current = auth;
  return useCallback(async <T>(method: string, path: string, options?: RequestOptions) => {
    const { apiBase, apiBases } = await config();
    let etag: string | undefined;
    const client: ApiClient = createApiClient({
      baseUrl: apiBase,
      apiBases,
      getAccessToken: () => authRef.current.accessToken,
      onUnauthorized: () => void authRef.current.signIn(),
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        etag = response.headers.get('etag') ?? undefined;
        return response;
      },
    });
    const body = await client.request<T>(method, path, options);
    return { body, etag };
  }, []);
}

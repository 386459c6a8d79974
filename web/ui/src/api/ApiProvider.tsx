import { createContext, type ReactNode, useContext, useMemo, useRef } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { type ApiClient, createApiClient } from './api-client';

const ApiContext = createContext<ApiClient | undefined>(undefined);

/** The API client of the signed-in user; only usable below `ApiProvider`. */
export function useApiClient(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApiClient() must be used inside <ApiProvider>');
  return client;
}

export interface ApiProviderProps {
  /** Base URL of the API from the runtime config. */
  baseUrl: string;
  /** Per-app API bases from the runtime config (Azure: one host per Function app). */
  apiBases?: Readonly<Record<string, string>>;
  /** Sees every answer's status and headers (see `ApiClientOptions.onResponse`). */
  onResponse?: (response: Response) => void;
  children: ReactNode;
}

/** Provides an API client that sends the current access token and signs in again on a 401. */
export function ApiProvider({ baseUrl, apiBases, onResponse, children }: ApiProviderProps) {
  const auth = useAuth();
  // A ref keeps one client for the session while always sending the newest token.
  const authRef = useRef(auth);
  authRef.current = auth;
  const onResponseRef = useRef(onResponse);
  onResponseRef.current = onResponse;
  const client = useMemo(
    () =>
      createApiClient({
        baseUrl,
        apiBases,
        getAccessToken: () => authRef.current.accessToken,
        onUnauthorized: () => void authRef.current.signIn(),
        onResponse: (response) => onResponseRef.current?.(response),
      }),
    [baseUrl, apiBases],
  );
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

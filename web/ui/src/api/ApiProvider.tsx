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
  children: ReactNode;
}

/** Provides an API client that sends the current access token and signs in again on a 401. */
export function ApiProvider({ baseUrl, apiBases, children }: ApiProviderProps) {
  const auth = useAuth();
  // A ref keeps one client for the session while always sending the newest token.
  const authRef = useRef(auth);
  authRef.current = auth;
  const client = useMemo(
    () =>
      createApiClient({
        baseUrl,
        apiBases,
        getAccessToken: () => authRef.current.accessToken,
        onUnauthorized: () => void authRef.current.signIn(),
      }),
    [baseUrl, apiBases],
  );
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

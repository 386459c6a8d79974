import type { LicenseBanner, LicenseStatus } from '@kpi/shared/contracts/client-app';
import { ApiProvider, useApi } from '@kpi/web-ui/api';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { bannerFromHeaders, mergeBanner, sameBanner } from './license-banner';

/** The licence as the Client UI knows it from the deployment's answers. */
export interface LicenseContextValue {
  /** The newest banner seen (headers of any answer, a data answer's `license`, a refusal); undefined until the first. */
  banner: LicenseBanner | undefined;
  /** The newest full status (`GET client-app/license` or a pasted key's answer). */
  status: LicenseStatus | undefined;
  /** Why the status could not be read (e.g. `AUTH.TENANT_FORBIDDEN`), while it cannot. */
  statusError: Error | undefined;
  /** Asks the deployment for its status again. */
  reloadStatus(): void;
  /** Feeds a banner from an answer's body (it carries the sentence the headers do not). */
  noteBanner(banner: LicenseBanner): void;
  /** Feeds a full status (e.g. the answer of a pasted key). */
  noteStatus(status: LicenseStatus): void;
}

const LicenseContext = createContext<LicenseContextValue | undefined>(undefined);

/** The licence state; only usable below `LicenseProvider`. */
export function useLicense(): LicenseContextValue {
  const value = useContext(LicenseContext);
  if (!value) throw new Error('useLicense() must be used inside <LicenseProvider>');
  return value;
}

const bannerOf = (s: LicenseStatus): LicenseBanner => ({
  state: s.state,
  daysLeft: s.daysLeft,
  ...(s.reasonCode ? { reasonCode: s.reasonCode } : {}),
  ...(s.message ? { message: s.message } : {}),
});

/** How often the shell asks for the status on its own (the deployment re-validates every few minutes). */
const statusRefreshMs = 5 * 60_000;

export interface LicenseProviderProps {
  /** The client deployment's API base from config.json. */
  apiBase: string;
  apiBases?: Readonly<Record<string, string>>;
  children: ReactNode;
}

/**
 * Provides the API client of the client deployment, watching the `x-license-*` headers of every answer,
 * and the licence state they and the bodies carry. Reads the status once at start (and every few
 * minutes), so pages that call nothing yet (Dashboards) know the state too.
 */
export function LicenseProvider({ apiBase, apiBases, children }: LicenseProviderProps) {
  const [banner, setBanner] = useState<LicenseBanner>();
  const [status, setStatus] = useState<LicenseStatus>();
  const [statusError, setStatusError] = useState<Error>();
  // The status GET lives below the API provider; its reload is reached through this ref.
  const reloadRef = useRef<() => void>(() => undefined);
  const reloadStatus = useCallback(() => reloadRef.current(), []);

  const noteBanner = useCallback((next: LicenseBanner) => {
    setBanner((previous) => {
      const merged = mergeBanner(previous, next);
      return sameBanner(previous, merged) ? previous : merged;
    });
  }, []);
  const observe = useCallback(
    (response: Response) => {
      const next = bannerFromHeaders(response.headers);
      if (next) noteBanner(next);
    },
    [noteBanner],
  );
  const noteStatus = useCallback(
    (next: LicenseStatus) => {
      setStatus(next);
      setStatusError(undefined);
      noteBanner(bannerOf(next));
    },
    [noteBanner],
  );

  const value = useMemo<LicenseContextValue>(
    () => ({ banner, status, statusError, reloadStatus, noteBanner, noteStatus }),
    [banner, status, statusError, reloadStatus, noteBanner, noteStatus],
  );
  return (
    <ApiProvider baseUrl={apiBase} {...(apiBases ? { apiBases } : {})} onResponse={observe}>
      <LicenseContext.Provider value={value}>
        <StatusSync onStatus={noteStatus} onError={setStatusError} reloadRef={reloadRef} />
        {children}
      </LicenseContext.Provider>
    </ApiProvider>
  );
}

/** Keeps the provider's status current: one GET at start, then every few minutes. */
function StatusSync(props: {
  onStatus(status: LicenseStatus): void;
  onError(error: Error | undefined): void;
  reloadRef: { current: () => void };
}) {
  const { data, error, reload } = useApi<LicenseStatus>('client-app/license', { refreshMs: statusRefreshMs });
  const { onStatus, onError, reloadRef } = props;
  reloadRef.current = reload;
  useEffect(() => {
    if (data) onStatus(data);
  }, [data, onStatus]);
  useEffect(() => onError(error), [error, onError]);
  return null;
}

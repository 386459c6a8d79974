import { type ReactNode, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiProvider';
import { AuthProvider } from './auth/AuthProvider';
import { loadRuntimeConfig, type RuntimeConfig } from './config/runtime-config';
import { ErrorPanel } from './layout/ErrorPanel';
import { Loading } from './layout/Loading';
import './layout/theme.css';

export interface AppRootProps {
  /** Name shown while starting and in the document title. */
  appName: string;
  /** The signed-in app; rendered with the runtime config once sign-in succeeded. */
  children: (config: RuntimeConfig) => ReactNode;
}

/** Loads `/config.json`, signs the user in, provides the API client, then renders the app. */
export function AppRoot({ appName, children }: AppRootProps) {
  const [config, setConfig] = useState<RuntimeConfig>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    document.title = `${appName} · KPI Platform`;
    loadRuntimeConfig().then(setConfig, setError);
  }, [appName]);
  if (error) return <ErrorPanel title={`${appName} cannot start`} error={error} fullPage />;
  if (!config) return <Loading label={`Starting ${appName}…`} fullPage />;
  return (
    <AuthProvider config={config}>
      <ApiProvider baseUrl={config.apiBase} apiBases={config.apiBases}>
        {children(config)}
      </ApiProvider>
    </AuthProvider>
  );
}

/** Mounts a UI into `#root`: the whole `main.tsx` of each app. */
export function startApp(appName: string, render: (config: RuntimeConfig) => ReactNode): void {
  const element = document.getElementById('root');
  if (!element) throw new Error('index.html has no #root element');
  createRoot(element).render(
    <StrictMode>
      <AppRoot appName={appName}>{render}</AppRoot>
    </StrictMode>,
  );
}

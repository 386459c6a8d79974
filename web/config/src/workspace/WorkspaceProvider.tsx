import type { ConfigurationView } from '@kpi/shared/contracts/demo-config';
import { ApiError, type ApiState, useApi } from '@kpi/web-ui/api';
import { useAuth } from '@kpi/web-ui/auth';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ConfigPermissions, permissionsOf } from './roles';

/**
 * The Config UI's working context: which tenant (fixed for tenant users, chosen by vendor staff) and
 * which of its configurations every page works on. Both are remembered in localStorage so a reload or
 * a deep link lands where the user left off.
 */
export interface Workspace {
  tenantId: string | undefined;
  configurationId: string | undefined;
  /** The current configuration (with its etag for If-Match), re-read by `reloadConfiguration`. */
  configuration: ApiState<ConfigurationView>;
  /** `tenants/{t}/configurations/{c}` — the prefix of every configuration-scoped demo-config route. */
  configurationPath: string | undefined;
  permissions: ConfigPermissions;
  setTenantId(tenantId: string | undefined): void;
  setConfigurationId(configurationId: string | undefined): void;
  /**
   * Call after a successful write with the view the API answered (it carries the new etag): every page
   * sees it at once, without waiting for a re-read.
   */
  configurationChanged(view: ConfigurationView): void;
}

const WorkspaceContext = createContext<Workspace | undefined>(undefined);

const tenantKey = 'kpi.config.tenant';
const configurationKey = (tenantId: string) => `kpi.config.configuration.${tenantId}`;

function stored(key: string): string | undefined {
  try {
    return window.localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}
function store(key: string, value: string | undefined): void {
  try {
    if (value === undefined) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage can be disabled (private mode); the choice then lasts for this page only.
  }
}

/** Provides the workspace to every page. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const permissions = useMemo(() => permissionsOf(user), [user]);
  const [chosenTenant, setChosenTenant] = useState<string | undefined>(() =>
    user.tenantId ? undefined : stored(tenantKey),
  );
  const tenantId = user.tenantId ?? chosenTenant;
  const [configurationId, setConfigurationState] = useState<string | undefined>(() =>
    tenantId ? stored(configurationKey(tenantId)) : undefined,
  );
  const configurationPath =
    tenantId && configurationId
      ? `demo-config/tenants/${encodeURIComponent(tenantId)}/configurations/${encodeURIComponent(configurationId)}`
      : undefined;
  const fetched = useApi<ConfigurationView>(configurationPath);
  // A write's answer is newer than the last GET until the next GET arrives.
  const [written, setWritten] = useState<{ view: ConfigurationView; at: number }>();
  const configuration = useMemo<ApiState<ConfigurationView>>(() => {
    const newer =
      written &&
      written.view.id === configurationId &&
      written.view.tenantId === tenantId &&
      written.at > (fetched.updatedAt?.getTime() ?? 0);
    if (!configurationId)
      return { ...fetched, data: undefined, error: undefined, loading: false, fetching: false };
    if (newer) return { ...fetched, data: written.view, error: undefined, loading: false };
    // useApi keeps the previous answer while it reads a new path: never show one configuration's data
    // under another's id (after switching configuration or tenant), report it as loading instead.
    const other = fetched.data && (fetched.data.id !== configurationId || fetched.data.tenantId !== tenantId);
    if (other) return { ...fetched, data: undefined, error: undefined, loading: true };
    // Likewise an error of the previous read is not this read's answer.
    if (fetched.error && fetched.fetching && !fetched.data)
      return { ...fetched, error: undefined, loading: true };
    return fetched;
  }, [fetched, written, configurationId, tenantId]);
  const configurationChanged = useCallback(
    (view: ConfigurationView) => setWritten({ view, at: Date.now() }),
    [],
  );

  const setTenantId = useCallback(
    (next: string | undefined) => {
      if (user.tenantId) return; // tenant users stay in their tenant
      store(tenantKey, next);
      setChosenTenant(next);
      setConfigurationState(next ? stored(configurationKey(next)) : undefined);
    },
    [user.tenantId],
  );
  const setConfigurationId = useCallback(
    (next: string | undefined) => {
      if (tenantId) store(configurationKey(tenantId), next);
      setConfigurationState(next);
    },
    [tenantId],
  );

  // A remembered configuration that no longer exists (deleted, or another tenant's) is forgotten, so pages
  // show their "choose a configuration" state instead of an error.
  const missing = fetched.error instanceof ApiError && fetched.error.status === 404;
  useEffect(() => {
    if (missing) setConfigurationId(undefined);
  }, [missing, setConfigurationId]);

  const value = useMemo<Workspace>(
    () => ({
      tenantId,
      configurationId,
      configuration,
      configurationPath,
      permissions,
      setTenantId,
      setConfigurationId,
      configurationChanged,
    }),
    [
      tenantId,
      configurationId,
      configuration,
      configurationPath,
      permissions,
      setTenantId,
      setConfigurationId,
      configurationChanged,
    ],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

/** The current workspace; only inside `WorkspaceProvider`. */
export function useWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace is used outside WorkspaceProvider');
  return value;
}

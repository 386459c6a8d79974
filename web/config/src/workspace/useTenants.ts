import type { Tenant } from '@kpi/shared/contracts/demo-config';
import { useMemo } from 'react';
import { usePagedList } from './usePagedList';

/** The tenants the user can see (staff: every tenant; tenant users: their own), by name. */
export interface TenantsState {
  tenants: Tenant[];
  loading: boolean;
  error: Error | undefined;
  reload(): void;
}

/** Reads `GET demo-config/tenants`, every page. */
export function useTenants(): TenantsState {
  const { items, loading, error, reload } = usePagedList<Tenant>('demo-config/tenants');
  const tenants = useMemo(() => [...items].sort((a, b) => a.name.localeCompare(b.name)), [items]);
  return { tenants, loading, error, reload };
}

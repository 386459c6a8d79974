/**
 * The tenant a monitoring page shows, as the user chose it. Vendor staff pick one (or every tenant, where the
 * API has a cross-tenant list) in a select kept in the query string (`?tenant=`); a tenant user always sees
 * their own tenant and is offered no other. The API enforces the same; this only keeps the UI from offering
 * it. (Not the platform's `TenantScope`, which confines a store query to one tenant's partition.)
 */
import { useApi } from '@kpi/web-ui/api';
import { useAuth } from '@kpi/web-ui/auth';
import { Options } from '@kpi/web-ui/forms';
import { EmptyState } from '@kpi/web-ui/layout';
import { navigate, useLocation } from '@kpi/web-ui/routing';
import { type ReactNode, useCallback, useMemo } from 'react';
import { FLEET_ROLES, STAFF_ROLES } from '../roles';
import form from './form.module.css';

export interface TenantChoice {
  isStaff: boolean;
  /** May read and act on alerts, silences and windows (tenant owner/admin, vendor staff). */
  canManage: boolean;
  /** The tenant shown; undefined = every tenant (staff, where allowed). */
  tenantId: string | undefined;
  /** Tenants staff can pick from (empty for tenant users). */
  tenants: string[];
  setTenant(tenantId: string | undefined): void;
}

interface FleetSummary {
  tenants: { tenantId: string }[];
}

/** The page's tenant; `allowAll` when the page has a cross-tenant view for staff. */
export function useTenantChoice({ allowAll }: { allowAll: boolean }): TenantChoice {
  const { user } = useAuth();
  const { pathname, search } = useLocation();
  const isStaff = user.roles.some((r) => STAFF_ROLES.includes(r));
  const canManage = user.roles.some((r) => FLEET_ROLES.includes(r));
  // Staff only: the tenants that have deployments. Tenant users never ask (the API would refuse).
  const summary = useApi<FleetSummary>(isStaff ? 'monitoring/fleet-summary' : undefined);
  const tenants = useMemo(
    () => [...new Set((summary.data?.tenants ?? []).map((t) => t.tenantId))].sort(),
    [summary.data],
  );
  const asked = new URLSearchParams(search).get('tenant') ?? undefined;
  // Users the monitoring routes would refuse (tenant editors and viewers) get no tenant, so pages ask nothing.
  const tenantId = !canManage
    ? undefined
    : !isStaff
      ? user.tenantId
      : (asked ?? (allowAll ? undefined : tenants[0]));
  const setTenant = useCallback(
    (next: string | undefined) => {
      const q = new URLSearchParams(window.location.search);
      if (next) q.set('tenant', next);
      else q.delete('tenant');
      const qs = q.toString();
      navigate(`${pathname}${qs ? `?${qs}` : ''}`, { replace: true });
    },
    [pathname],
  );
  return { isStaff, canManage, tenantId, tenants: isStaff ? tenants : [], setTenant };
}

/** The tenant select for staff; for a tenant user, their tenant as plain text. */
export function TenantPicker({ choice, allowAll }: { choice: TenantChoice; allowAll: boolean }) {
  if (!choice.isStaff) {
    return (
      <span className={form.tenantName}>
        Tenant <strong>{choice.tenantId ?? '—'}</strong>
      </span>
    );
  }
  const options =
    choice.tenantId && !choice.tenants.includes(choice.tenantId)
      ? [choice.tenantId, ...choice.tenants]
      : choice.tenants;
  return (
    <label className={form.field}>
      <span>Tenant</span>
      <select
        value={choice.tenantId ?? ''}
        onChange={(e) => choice.setTenant(e.target.value || undefined)}
        aria-label="Tenant"
      >
        {allowAll && <option value="">All tenants</option>}
        {!allowAll && !choice.tenantId && <option value="">Choose a tenant…</option>}
        <Options items={options} />
      </select>
    </label>
  );
}

/**
 * Shown by a one-tenant page while staff have picked no tenant: there is none to pick yet, or `children`
 * says what belongs to one tenant.
 */
export function ChooseTenant({ choice, children }: { choice: TenantChoice; children: ReactNode }) {
  return (
    <EmptyState title="Choose a tenant">
      {choice.tenants.length === 0 ? 'No tenant has deployments yet.' : children}
    </EmptyState>
  );
}

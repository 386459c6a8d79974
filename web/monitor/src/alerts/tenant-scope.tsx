/**
 * Which tenant a monitoring page shows. Vendor staff pick one (or every tenant, where the API has a
 * cross-tenant list) in a select kept in the query string (`?tenant=`); a tenant user always sees their own
 * tenant and is offered no other. The API enforces the same; this only keeps the UI from offering it.
 */
import { useApi } from '@kpi/web-ui/api';
import { useAuth } from '@kpi/web-ui/auth';
import { EmptyState, Forbidden } from '@kpi/web-ui/layout';
import { navigate, useLocation } from '@kpi/web-ui/routing';
import { type ReactNode, useCallback, useMemo } from 'react';
import { FLEET_ROLES, STAFF_ROLES } from '../roles';
import styles from './inbox.module.css';

export interface TenantScope {
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
export function useTenantScope({ allowAll }: { allowAll: boolean }): TenantScope {
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
export function TenantPicker({ scope, allowAll }: { scope: TenantScope; allowAll: boolean }) {
  if (!scope.isStaff) {
    return (
      <span className={styles.scope}>
        Tenant <strong>{scope.tenantId ?? '—'}</strong>
      </span>
    );
  }
  const options =
    scope.tenantId && !scope.tenants.includes(scope.tenantId)
      ? [scope.tenantId, ...scope.tenants]
      : scope.tenants;
  return (
    <label className={styles.field}>
      <span>Tenant</span>
      <select
        value={scope.tenantId ?? ''}
        onChange={(e) => scope.setTenant(e.target.value || undefined)}
        aria-label="Tenant"
      >
        {allowAll && <option value="">All tenants</option>}
        {!allowAll && !scope.tenantId && <option value="">Choose a tenant…</option>}
        {options.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Shown by a one-tenant page while staff have picked no tenant: there is none to pick yet, or `children`
 * says what belongs to one tenant.
 */
export function ChooseTenant({ scope, children }: { scope: TenantScope; children: ReactNode }) {
  return (
    <EmptyState title="Choose a tenant">
      {scope.tenants.length === 0 ? 'No tenant has deployments yet.' : children}
    </EmptyState>
  );
}

/** Formats an ISO time as local date and time, e.g. "26 Nov 2026, 13:05". */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
}

/** Who may use the monitoring pages, as the refusal says it. */
export const ALLOWED_TEXT = 'tenant owners and admins, and vendor staff';

/** Shown instead of a page the user's role cannot use, without asking the API first. */
export function NotAllowed({ requestId }: { requestId?: string | undefined }) {
  return <Forbidden allowed={ALLOWED_TEXT} {...(requestId ? { requestId } : {})} />;
}

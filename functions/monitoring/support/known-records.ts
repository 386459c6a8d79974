/**
 * What must exist before a tenant's monitoring records are written. Tenants are demo-config's (container
 * `tenants`, which monitoring only reads): staff may name any tenant in a route, and a typo must not leave
 * silences or settings under a tenant that does not exist. A deployment is known once it has reported
 * (its document) or holds a credential of that tenant (issued with its licence), so an update never creates
 * one, and never one under another tenant's deployment id.
 */
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { notFound } from '@kpi/shared/platform/errors';
import type { AppDeps } from '../dependencies';

/** Tenants seen to exist, by id, with when that was read: a tenant is rarely deleted, writes are frequent. */
const seen = new Map<string, number>();
const SEEN_MS = 60_000;

/** 404 `TENANT.NOT_FOUND` unless the tenant exists. */
export async function requireTenant(
  deps: Pick<AppDeps, 'tenants'>,
  scope: TenantScope,
  now = Date.now(),
): Promise<void> {
  const at = seen.get(scope.tenantId);
  if (at !== undefined && now - at < SEEN_MS) return;
  if (!(await deps.tenants.get(scope, scope.tenantId))) {
    seen.delete(scope.tenantId);
    throw notFound('TENANT.NOT_FOUND', `Tenant ${scope.tenantId} does not exist`);
  }
  seen.set(scope.tenantId, now);
}

/** True when the deployment has a credential issued for this tenant. */
export async function hasCredential(
  deps: Pick<AppDeps, 'credentials'>,
  tenantId: string,
  deploymentId: string,
): Promise<boolean> {
  const page = await deps.credentials.query(
    {
      where: 'c.deploymentId = @d AND c.tenantId = @t',
      parameters: [
        { name: '@d', value: deploymentId },
        { name: '@t', value: tenantId },
      ],
    },
    { maxItemCount: 1 },
  );
  return page.items.some((c) => c.deploymentId === deploymentId && c.tenantId === tenantId);
}

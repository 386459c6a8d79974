/** Tenants: created by platform admins; staff list every tenant, tenant users see only their own. */
import type { createTenantRequestSchema, Tenant } from '@kpi/shared/contracts/demo-config';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import type { Page, PageOptions } from '@kpi/shared/platform/cosmos/tenant-repository';
import { scopeFor, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { notFound, unprocessable } from '@kpi/shared/platform/errors';
import type { z } from 'zod';
import type { AppDeps } from '../dependencies';

type CreateTenant = z.output<typeof createTenantRequestSchema>;

/** Creates a tenant (409 `TENANT.CONFLICT` when it exists; 422 `TENANT.UNKNOWN_INDUSTRY`). */
export async function createTenant(deps: AppDeps, caller: Caller, request: CreateTenant): Promise<Tenant> {
  if (!deps.catalogIndex.industries.has(request.industryId)) {
    throw unprocessable('TENANT.UNKNOWN_INDUSTRY', `The catalog has no industry ${request.industryId}`);
  }
  // Staff name the tenant explicitly: the only way a tenant id from a request reaches the data layer.
  const scope = scopeFor(caller, request.tenantId);
  const created = await deps.tenants.create(scope, {
    id: request.tenantId,
    name: request.name,
    industryId: request.industryId,
    contacts: request.contacts,
    createdAt: deps.clock().toISOString(),
    createdBy: caller.email,
  });
  return created.item;
}

/** Staff: every tenant (paged); tenant users: their own tenant only. */
export async function listTenants(deps: AppDeps, caller: Caller, page: PageOptions): Promise<Page<Tenant>> {
  if (caller.isPlatformStaff) return deps.allTenants.list(page);
  const scope = scopeFor(caller);
  const own = await deps.tenants.get(scope, scope.tenantId);
  return { items: own ? [own] : [] };
}

/** The tenant of a scope; 404 `TENANT.NOT_FOUND` when it was never created. */
export async function getTenantInScope(deps: AppDeps, scope: TenantScope): Promise<Tenant> {
  const tenant = await deps.tenants.get(scope, scope.tenantId);
  if (!tenant) throw notFound('TENANT.NOT_FOUND', `Tenant ${scope.tenantId} does not exist`);
  return tenant;
}

/** One tenant (the edge has checked that tenant users name their own). */
export async function getTenant(deps: AppDeps, caller: Caller, tenantId: string): Promise<Tenant> {
  return getTenantInScope(deps, scopeFor(caller, tenantId));
}

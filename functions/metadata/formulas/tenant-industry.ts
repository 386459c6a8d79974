/** The industry of a tenant (the `tenants` container, written by the demo-config work and the seed). */

import type { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { notFound } from '@kpi/shared/platform/errors';
import { z } from 'zod';

/** The part of a tenant item metadata reads. */
export const tenantInfoSchema = z.object({ id: z.string(), tenantId: z.string(), industryId: z.string() });
export type TenantInfo = z.infer<typeof tenantInfoSchema>;

/** The caller's (or the named) tenant's industry id; 404 `TENANT.NOT_FOUND` when the tenant is unknown. */
/** Read only: the tenants container (demo-config's) as far as previews need it. */
export type TenantDirectory = Pick<TenantRepository<TenantInfo>, 'get'>;

export async function tenantIndustry(tenants: TenantDirectory, scope: TenantScope): Promise<string> {
  // A tenant's own item has the tenant id as its id.
  const tenant = await tenants.get(scope, scope.tenantId);
  if (!tenant) throw notFound('TENANT.NOT_FOUND', 'The tenant is not known');
  return tenant.industryId;
}

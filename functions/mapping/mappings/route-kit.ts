/** What the mapping routes share: who may call them, and the scope of a caller of this deployment. */
import type { Caller } from '@kpi/shared/platform/auth/caller';
import type { Role } from '@kpi/shared/platform/auth/roles';
import { scopeFor, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { ErrorCodes, forbidden } from '@kpi/shared/platform/errors';

/** The deployment's own users, who read mappings, previews and completeness (vendor staff are not users here). */
export const READERS: Role[] = ['viewer', 'editor', 'admin', 'owner'];
/** Those who edit and publish mappings: what ingestion loads is their decision. */
export const ADMINS: Role[] = ['admin', 'owner'];

export const MAPPINGS = 'mappings';
export const MAPPING = 'mappings/{mappingId}';

/** The caller's scope, when the caller is a user of this deployment's tenant (403 otherwise). */
export function deploymentScope(caller: Caller, tenantId: string): TenantScope {
  if (caller.tenantId !== tenantId) {
    throw forbidden(ErrorCodes.tenantForbidden, 'This deployment serves only its own tenant');
  }
  return scopeFor(caller);
}

/** What the connector's routes share: who may call them, and the scope of a caller of this deployment. */
import { entityIdSchema } from '@kpi/shared/contracts/ids';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import type { Role } from '@kpi/shared/platform/auth/roles';
import { scopeFor, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { ErrorCodes, forbidden } from '@kpi/shared/platform/errors';
import { z } from 'zod';

/** The deployment's own users who read the list of sources (vendor staff are not users of a deployment). */
export const READERS: Role[] = ['viewer', 'editor', 'admin', 'owner'];
/** Those who manage sources and see their definitions and masked secrets. */
export const ADMINS: Role[] = ['admin', 'owner'];

export const SOURCES = 'sources';
export const SOURCE = 'sources/{sourceId}';
export const sourceParams = z.object({ sourceId: entityIdSchema });
export const streamParams = sourceParams.extend({ stream: entityIdSchema });

/** The caller's scope, when the caller is a user of this deployment's tenant (403 otherwise). */
export function deploymentScope(caller: Caller, tenantId: string): TenantScope {
  if (caller.tenantId !== tenantId) {
    throw forbidden(ErrorCodes.tenantForbidden, 'This deployment serves only its own tenant');
  }
  return scopeFor(caller);
}

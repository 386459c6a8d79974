/** What the ingestion routes share: who may call them, and the check that a caller is this deployment's user. */
import type { Caller } from '@kpi/shared/platform/auth/caller';
import type { Role } from '@kpi/shared/platform/auth/roles';
import { ErrorCodes, forbidden } from '@kpi/shared/platform/errors';

/** The deployment's users who see run history (vendor staff are not users of a deployment). */
export const READERS: Role[] = ['viewer', 'editor', 'admin', 'owner'];
/** Who sees quarantined values (source data). */
export const EDITORS: Role[] = ['editor', 'admin', 'owner'];
/** Who starts runs, replays the quarantine and manages push keys. */
export const ADMINS: Role[] = ['admin', 'owner'];

/** 403 unless the caller belongs to this deployment's tenant. */
export function ownTenant(caller: Caller, tenantId: string): void {
  if (caller.tenantId !== tenantId) {
    throw forbidden(ErrorCodes.tenantForbidden, 'This deployment serves only its own tenant');
  }
}

/** Who the caller is, for `requestedBy` / `createdBy`. */
export const callerName = (caller: Caller) => caller.email || caller.subject;

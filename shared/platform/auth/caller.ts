import type { Role } from './roles';

/**
 * A verified user (from a bearer JWT). Tenant users carry `tenantId` and only tenant roles; vendor staff
 * carry no tenant and only platform roles (`isPlatformStaff`). Roles of the other kind in a token are
 * dropped at verification, so a tenant user can never act as staff and vice versa.
 */
export interface Caller {
  readonly kind: 'user';
  readonly subject: string;
  readonly email: string;
  readonly name: string;
  readonly tenantId?: string;
  readonly roles: readonly Role[];
  readonly isPlatformStaff: boolean;
}

/** A client deployment authenticated with its deployment credential (see `DeploymentAuthenticator`). */
export interface DeploymentCaller {
  readonly kind: 'deployment';
  readonly deploymentId: string;
  readonly tenantId: string;
}

/** Anyone the edge authenticated. */
export type Principal = Caller | DeploymentCaller;

/** True when the caller holds at least one of `roles`. */
export function hasAnyRole(caller: Caller, roles: readonly Role[]): boolean {
  for (const r of caller.roles) if (roles.includes(r)) return true;
  return false;
}

/** What the signed-in user may see and do in the fleet views (the API enforces the same; this hides controls). */
import type { AuthUser } from '@kpi/web-ui/auth';
import { FLEET_ROLES, STAFF_ROLES } from '../roles';

export interface FleetAccess {
  /** Vendor staff see every tenant. */
  isStaff: boolean;
  /** The user's own tenant (tenant users only). */
  tenantId: string | undefined;
  /** May see deployments at all: tenant owners/admins and vendor staff. */
  canView: boolean;
  /** May change a deployment's name, period and grace (the same roles as viewing, as the API allows). */
  canEditSettings: boolean;
  /** May issue remote commands and download diagnostics: support and platform admins. */
  canIssueCommands: boolean;
}

const has = (user: Pick<AuthUser, 'roles'>, roles: readonly string[]) =>
  user.roles.some((r) => roles.includes(r));

/** The access of `user`, from its roles and tenant claim. */
export function fleetAccess(user: Pick<AuthUser, 'roles' | 'tenantId'>): FleetAccess {
  const isStaff = has(user, STAFF_ROLES);
  // A tenant user needs a tenant as well as a fleet role.
  const tenantAdmin = !!user.tenantId && has(user, FLEET_ROLES);
  const canView = isStaff || tenantAdmin;
  return {
    isStaff,
    tenantId: isStaff ? undefined : user.tenantId,
    canView,
    canEditSettings: canView,
    canIssueCommands: isStaff,
  };
}

/** Who may open the fleet views, for the "not allowed" message. */
export const fleetAudience = 'tenant owners and admins, and vendor staff (platform-admin or support)';

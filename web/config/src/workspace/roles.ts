import type { AuthUser } from '@kpi/web-ui/auth';

/**
 * What the signed-in user may do in the Config UI, mirroring the demo-config and metadata services'
 * role checks so buttons a role cannot use are not shown. The services refuse anyway: this is
 * presentation, not authorisation.
 */
export interface ConfigPermissions {
  /** Vendor staff (platform-admin, support): may switch between tenants. */
  isStaff: boolean;
  /** Change configurations, sources, targets; generate SOWs; save custom KPI drafts. */
  canEdit: boolean;
  /** Sign a proposed configuration, delete drafts, publish custom KPIs. */
  canAdmin: boolean;
  /** Create tenants. */
  canCreateTenants: boolean;
}

const has = (user: AuthUser, ...roles: string[]) => user.roles.some((r) => roles.includes(r));

/** Permissions from the user's roles (tenant roles: owner > admin > editor > viewer). */
export function permissionsOf(user: AuthUser): ConfigPermissions {
  const platformAdmin = has(user, 'platform-admin');
  return {
    isStaff: platformAdmin || has(user, 'support'),
    canEdit: platformAdmin || has(user, 'owner', 'admin', 'editor'),
    canAdmin: platformAdmin || has(user, 'owner', 'admin'),
    canCreateTenants: platformAdmin,
  };
}

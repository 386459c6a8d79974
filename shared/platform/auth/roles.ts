/**
 * Roles. Tenant roles rank owner > admin > editor > viewer. Platform roles belong to vendor staff:
 * `platform-admin` counts as above every tenant role (it administers every tenant), `support` only as a
 * viewer (it reads everything to help, but changes nothing through tenant routes; its own powers, such
 * as issuing remote commands, are granted by naming `support` explicitly on those routes).
 */

export const TENANT_ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export const PLATFORM_ROLES = ['platform-admin', 'support'] as const;

export type TenantRole = (typeof TENANT_ROLES)[number];
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export type Role = TenantRole | PlatformRole;

/** Every signed-in user, whoever they are. */
export const ANY_USER: readonly Role[] = [...PLATFORM_ROLES, ...TENANT_ROLES];

const tenantRank: Record<TenantRole, number> = { viewer: 1, editor: 2, admin: 3, owner: 4 };

/**
 * Roles at or above `min`: `atLeast('editor')` → editor, admin, owner, platform-admin.
 * `atLeast('viewer')` adds `support` (read access for vendor support).
 */
export function atLeast(min: TenantRole): Role[] {
  const roles: Role[] = TENANT_ROLES.filter((r) => tenantRank[r] >= tenantRank[min]);
  roles.push('platform-admin');
  if (min === 'viewer') roles.push('support');
  return roles;
}

export const isTenantRole = (r: unknown): r is TenantRole => (TENANT_ROLES as readonly unknown[]).includes(r);
export const isPlatformRole = (r: unknown): r is PlatformRole =>
  (PLATFORM_ROLES as readonly unknown[]).includes(r);

/** The signed-in person as the UI shows them. The API authorises on the token, never on this. */
export interface AuthUser {
  sub: string;
  email: string;
  name: string;
  /** Tenant id (`tid`); absent for vendor staff. */
  tenantId?: string;
  /** Tenant roles (`owner`, `admin`, `editor`, `viewer`) or platform roles (`platform-admin`, `support`). */
  roles: string[];
}

/** Platform roles held by vendor staff. */
export const platformRoles = ['platform-admin', 'support'] as const;

/** Decodes the payload of a JWT without verifying it (display only); undefined when it is not a JWT. */
export function decodeJwtPayload(token: string | undefined): Record<string, unknown> | undefined {
  const part = token?.split('.')[1];
  if (!part) return undefined;
  try {
    const base64 = part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Builds the user from the ID token profile, falling back to access-token claims: Entra ID puts
 * `roles` in the access token for API app roles, the local issuer puts them in both.
 */
export function userFromClaims(profile: Record<string, unknown>, accessToken: string | undefined): AuthUser {
  const access = decodeJwtPayload(accessToken) ?? {};
  const pick = (key: string) => str(profile[key]) ?? str(access[key]);
  const rolesClaim = Array.isArray(profile.roles) ? profile.roles : access.roles;
  const roles = Array.isArray(rolesClaim) ? rolesClaim.filter((r): r is string => typeof r === 'string') : [];
  const email = pick('email') ?? pick('preferred_username') ?? '';
  const user: AuthUser = {
    sub: pick('sub') ?? '',
    email,
    name: pick('name') ?? email,
    roles,
  };
  const tenantId = pick('tid');
  if (tenantId) user.tenantId = tenantId;
  return user;
}

/** True when the user holds any of `roles`. */
export function hasAnyRole(user: AuthUser | undefined, roles: readonly string[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r));
}

/** Sign-in (OIDC authorization code + PKCE) and the signed-in user. */
export { type AuthContextValue, AuthProvider, type AuthProviderProps, useAuth } from './auth/AuthProvider';
export { type AuthUser, decodeJwtPayload, hasAnyRole, platformRoles, userFromClaims } from './auth/claims';
export { callbackPath, createUserManager } from './auth/user-manager';

import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { RuntimeConfig } from '../config/runtime-config';

/** Path the issuer redirects back to with `?code=…&state=…`; the gateway serves index.html there. */
export const callbackPath = '/auth/callback';

/** What the app stores in the OIDC `state` so it can return the user where they were. */
export interface SignInState {
  returnTo: string;
}

/**
 * An oidc-client-ts UserManager doing authorization code + PKCE against the configured issuer.
 * Tokens live in sessionStorage (per tab, gone when the tab closes). No silent iframe renew: when
 * the access token expires the app redirects to the issuer again (see AuthProvider).
 */
export function createUserManager(config: RuntimeConfig, origin = window.location.origin): UserManager {
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${origin}${callbackPath}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: config.scope ?? `openid profile email offline_access ${config.audience}/.default`,
    // Entra ID reads the audience from the scope above; issuers in the Auth0 style read this parameter.
    extraQueryParams: { audience: config.audience },
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
}

/** The current path, query and hash: where to come back to after signing in. */
export function currentLocation(): string {
  const { pathname, search, hash } = window.location;
  return pathname === callbackPath ? '/' : `${pathname}${search}${hash}`;
}

/** Only same-origin absolute paths are accepted as return targets (no open redirect via `state`). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

import type { User, UserManager } from 'oidc-client-ts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { RuntimeConfig } from '../config/runtime-config';
import { ErrorPanel } from '../layout/ErrorPanel';
import { Loading } from '../layout/Loading';
import { SignedOut } from '../layout/SignedOut';
import { type AuthUser, userFromClaims } from './claims';
import {
  callbackPath,
  createUserManager,
  currentLocation,
  type SignInState,
  safeReturnTo,
} from './user-manager';

/** What `useAuth()` gives a signed-in part of the app. */
export interface AuthContextValue {
  user: AuthUser;
  /** Bearer token for the API. */
  accessToken: string;
  /** Sends the user to the issuer to sign in again, coming back to the current page. */
  signIn(): Promise<void>;
  /** Forgets the tokens and signs out at the issuer when it supports it. */
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | undefined>(undefined);

/** The signed-in user and access token; only usable below `AuthProvider`. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth() must be used inside <AuthProvider>');
  return value;
}

type AuthState =
  | { kind: 'starting' }
  | { kind: 'redirecting' }
  | { kind: 'signed-out' }
  | { kind: 'failed'; code: string; message: string }
  | { kind: 'signed-in'; user: User };

// The callback's code can be redeemed once; React may run effects twice, so the work is shared.
let callbackOnce: Promise<User> | undefined;

/** Marks an explicit sign-out so the app shows "signed out" instead of redirecting straight back. */
const signedOutKey = 'kpi.signedOut';

export interface AuthProviderProps {
  /** Runtime configuration naming the issuer, client id and audience. */
  config: RuntimeConfig;
  children: ReactNode;
}

/**
 * Signs the user in (authorization code + PKCE) before rendering `children`. When there is no valid
 * session it redirects to the issuer. Before the access token expires it is renewed with the refresh
 * token if there is one; if not (or if renewal fails) the expiry redirects to the issuer again,
 * coming back to the same page.
 */
export function AuthProvider({ config, children }: AuthProviderProps) {
  const manager = useMemo(() => createUserManager(config), [config]);
  const [state, setState] = useState<AuthState>({ kind: 'starting' });

  const signIn = useCallback(async () => {
    setState({ kind: 'redirecting' });
    sessionStorage.removeItem(signedOutKey);
    const stateData: SignInState = { returnTo: currentLocation() };
    try {
      await manager.signinRedirect({ state: stateData });
    } catch (err) {
      setState({ kind: 'failed', code: 'AUTH.ISSUER_UNREACHABLE', message: (err as Error).message });
    }
  }, [manager]);

  const signOut = useCallback(async () => {
    sessionStorage.setItem(signedOutKey, '1');
    const user = await manager.getUser();
    await manager.removeUser();
    try {
      await manager.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
    } catch {
      // The issuer has no end-session endpoint: forgetting the tokens locally is all there is to do.
      setState({ kind: 'signed-out' });
    }
  }, [manager]);

  useEffect(() => {
    let active = true;
    void start(manager).then((next) => {
      if (!active) return;
      if (next === 'redirect') void signIn();
      else setState(next);
    });
    // Shortly before expiry: renew with the refresh token when the issuer gave one (no page
    // change); otherwise, or when that fails, the expiry itself sends the user to sign in again.
    const onExpiring = () => {
      void manager.getUser().then((user) => {
        if (user?.refresh_token) manager.signinSilent().catch(() => undefined);
      });
    };
    manager.events.addAccessTokenExpiring(onExpiring);
    const onExpired = () => void signIn();
    manager.events.addAccessTokenExpired(onExpired);
    const onLoaded = (user: User) => setState({ kind: 'signed-in', user });
    manager.events.addUserLoaded(onLoaded);
    return () => {
      active = false;
      manager.events.removeAccessTokenExpiring(onExpiring);
      manager.events.removeAccessTokenExpired(onExpired);
      manager.events.removeUserLoaded(onLoaded);
    };
  }, [manager, signIn]);

  const value = useMemo<AuthContextValue | undefined>(
    () =>
      state.kind === 'signed-in'
        ? {
            user: userFromClaims(state.user.profile as Record<string, unknown>, state.user.access_token),
            accessToken: state.user.access_token,
            signIn,
            signOut,
          }
        : undefined,
    [state, signIn, signOut],
  );

  switch (state.kind) {
    case 'starting':
      return <Loading label="Checking your session…" fullPage />;
    case 'redirecting':
      return <Loading label="Redirecting to sign in…" fullPage />;
    case 'signed-out':
      return <SignedOut onSignIn={() => void signIn()} />;
    case 'failed':
      return (
        <ErrorPanel
          title="Sign-in failed"
          code={state.code}
          message={state.message}
          action={{ label: 'Try again', onClick: () => void signIn() }}
          fullPage
        />
      );
    case 'signed-in':
      return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
  }
}

/** Decides the first state: finish a callback, reuse a live session, or ask for a redirect. */
async function start(manager: UserManager): Promise<AuthState | 'redirect'> {
  if (window.location.pathname === callbackPath) {
    const params = new URLSearchParams(window.location.search);
    const error = params.get('error');
    if (error) {
      window.history.replaceState(null, '', '/');
      return {
        kind: 'failed',
        code: `AUTH.${error.toUpperCase()}`,
        message: params.get('error_description') ?? error,
      };
    }
    try {
      callbackOnce ??= manager.signinRedirectCallback();
      const user = await callbackOnce;
      const returnTo = safeReturnTo((user.state as Partial<SignInState> | undefined)?.returnTo);
      window.history.replaceState(null, '', returnTo);
      return { kind: 'signed-in', user };
    } catch (err) {
      window.history.replaceState(null, '', '/');
      return { kind: 'failed', code: 'AUTH.CALLBACK_FAILED', message: (err as Error).message };
    }
  }
  const user = await manager.getUser();
  if (user && !user.expired) return { kind: 'signed-in', user };
  if (sessionStorage.getItem(signedOutKey)) return { kind: 'signed-out' };
  return 'redirect';
}

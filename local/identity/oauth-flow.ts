import { createHash, randomBytes } from 'node:crypto';
import type { SigningKey } from './signing-key';
import {
  signAccessToken,
  signIdToken,
  signRefreshToken,
  tokenTtlSeconds,
  verifyRefreshToken,
} from './tokens';
import { findUser, type SeededUser } from './users';

// OAuth 2.0 authorization code flow with PKCE (RFC 6749, RFC 7636) as oidc-client-ts drives it:
// /authorize with client_id, redirect_uri, response_type=code, scope=openid…, state, (nonce),
// code_challenge, code_challenge_method=S256; then a form POST to /token with grant_type,
// code, redirect_uri, client_id, code_verifier. Refresh tokens are signed JWTs (they survive a restart).

const pendingTtlMs = 10 * 60 * 1000;
const codeTtlMs = 60 * 1000;

export type FlowResult =
  | { kind: 'page'; requestId: string; clientId: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'error'; error: string; description: string };

export interface TokenResult {
  status: number;
  body: Record<string, unknown>;
}

interface AuthRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  nonce?: string;
  scope: string;
  audience: string;
  codeChallenge: string;
  expiresAt: number;
}

interface IssuedCode extends AuthRequest {
  user: SeededUser;
  authTime: number;
}

/** http(s)://127.0.0.1:* or localhost:* — where local UIs and tests run. */
export function isLoopbackUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost') && !url.hash
    );
  } catch {
    return false;
  }
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const grantError = (error: string, description: string, status = 400): TokenResult => ({
  status,
  body: { error, error_description: description },
});

export interface FlowOptions {
  issuer: string;
  key: SigningKey;
  users: readonly SeededUser[];
  clientIds: readonly string[];
  defaultAudience: string;
  /** Clients that sign in one tenant's users only (see IssuerOptions.clientTenants). */
  clientTenants?: Readonly<Record<string, string>>;
}

/** The authorization server's state: pending sign-ins and one-time codes, in memory. */
export class AuthorizationFlow {
  private readonly pending = new Map<string, AuthRequest>();
  private readonly codes = new Map<string, IssuedCode>();

  constructor(private readonly options: FlowOptions) {}

  /** Handles GET /authorize: the sign-in page to show, or a redirect carrying an error. */
  authorize(q: URLSearchParams): FlowResult {
    this.sweep();
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    // Without a known client and an allowed redirect_uri, errors must not be redirected (RFC 6749 4.1.2.1).
    if (!this.options.clientIds.includes(clientId)) {
      return { kind: 'error', error: 'invalid_client', description: `unknown client_id "${clientId}"` };
    }
    if (!isLoopbackUrl(redirectUri)) {
      return {
        kind: 'error',
        error: 'invalid_request',
        description: 'redirect_uri must be http://127.0.0.1:* or http://localhost:*',
      };
    }
    const state = q.get('state') ?? undefined;
    const fail = (error: string, description: string): FlowResult => ({
      kind: 'redirect',
      location: withParams(redirectUri, { error, error_description: description, state }),
    });
    if (q.get('response_type') !== 'code')
      return fail('unsupported_response_type', 'only response_type=code');
    const mode = q.get('response_mode');
    if (mode && mode !== 'query') return fail('invalid_request', 'only response_mode=query');
    const scope = q.get('scope') ?? '';
    if (!scope.split(' ').includes('openid')) return fail('invalid_scope', 'scope must include openid');
    const codeChallenge = q.get('code_challenge') ?? '';
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
      return fail('invalid_request', 'PKCE with code_challenge_method=S256 is required');
    }
    // There are no sessions here, so a silent sign-in can never succeed.
    if (q.get('prompt') === 'none') return fail('login_required', 'interactive sign-in required');
    const requestId = randomBytes(16).toString('base64url');
    this.pending.set(requestId, {
      clientId,
      redirectUri,
      state,
      nonce: q.get('nonce') ?? undefined,
      scope,
      audience: q.get('resource') ?? q.get('audience') ?? this.options.defaultAudience,
      codeChallenge,
      expiresAt: Date.now() + pendingTtlMs,
    });
    return { kind: 'page', requestId, clientId };
  }

  /** The users who may sign in to `clientId`: its tenant's only, when it serves one tenant. */
  usersFor(clientId: string): readonly SeededUser[] {
    const tenant = this.options.clientTenants?.[clientId];
    return tenant ? this.options.users.filter((u) => u.tid === tenant) : this.options.users;
  }

  /** Handles the choice of a user on the sign-in page: a one-time code back to the client. */
  chooseUser(requestId: string, email: string): FlowResult {
    this.sweep();
    const request = this.pending.get(requestId);
    if (!request)
      return { kind: 'error', error: 'invalid_request', description: 'sign-in request expired; start again' };
    const user = findUser(this.options.users, email);
    if (!user) return { kind: 'error', error: 'invalid_request', description: `unknown user ${email}` };
    if (!this.usersFor(request.clientId).includes(user)) {
      this.pending.delete(requestId);
      return {
        kind: 'redirect',
        location: withParams(request.redirectUri, {
          error: 'access_denied',
          error_description: `${email} is not a user of this client's tenant`,
          state: request.state,
        }),
      };
    }
    this.pending.delete(requestId);
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, {
      ...request,
      user,
      authTime: Math.floor(Date.now() / 1000),
      expiresAt: Date.now() + codeTtlMs,
    });
    return { kind: 'redirect', location: withParams(request.redirectUri, { code, state: request.state }) };
  }

  /** Handles POST /token (form fields). */
  async token(form: URLSearchParams): Promise<TokenResult> {
    this.sweep();
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return this.exchangeCode(form);
    if (grantType === 'refresh_token') return this.refresh(form);
    return grantError('unsupported_grant_type', 'authorization_code or refresh_token');
  }

  private async exchangeCode(form: URLSearchParams): Promise<TokenResult> {
    const code = form.get('code') ?? '';
    const issued = this.codes.get(code);
    // One attempt per code, successful or not (RFC 6749 4.1.2: a code is single-use).
    this.codes.delete(code);
    if (!issued || issued.expiresAt < Date.now())
      return grantError('invalid_grant', 'code is unknown, used or expired');
    if (form.get('client_id') !== issued.clientId)
      return grantError('invalid_grant', 'code was issued to another client');
    if (form.get('redirect_uri') !== issued.redirectUri)
      return grantError('invalid_grant', 'redirect_uri does not match');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || s256(verifier) !== issued.codeChallenge) {
      return grantError('invalid_grant', 'code_verifier does not match code_challenge');
    }
    return this.issue(issued.user, issued, issued.authTime, issued.nonce);
  }

  private async refresh(form: URLSearchParams): Promise<TokenResult> {
    const { issuer, key } = this.options;
    try {
      const grant = await verifyRefreshToken(key, issuer, form.get('refresh_token') ?? '');
      const user = findUser(this.options.users, grant.email);
      if (!user) throw new Error('user no longer exists');
      const clientId = form.get('client_id');
      if (clientId && clientId !== grant.clientId) throw new Error('issued to another client');
      return this.issue(user, grant, grant.authTime);
    } catch {
      return grantError('invalid_grant', 'refresh_token is invalid or expired');
    }
  }

  private async issue(
    user: SeededUser,
    request: { clientId: string; scope: string; audience: string },
    authTime: number,
    nonce?: string,
  ): Promise<TokenResult> {
    const { issuer, key } = this.options;
    const { clientId, scope, audience } = request;
    const access_token = await signAccessToken(key, issuer, user, { audience, clientId, scope });
    const id_token = await signIdToken(key, issuer, user, { clientId, nonce, authTime });
    const refresh_token = await signRefreshToken(key, issuer, user.sub, {
      email: user.email,
      clientId,
      scope,
      audience,
      authTime,
    });
    return {
      status: 200,
      body: {
        access_token,
        id_token,
        refresh_token,
        token_type: 'Bearer',
        expires_in: tokenTtlSeconds,
        scope,
      },
    };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, r] of this.pending) if (r.expiresAt < now) this.pending.delete(id);
    for (const [code, c] of this.codes) if (c.expiresAt < now) this.codes.delete(code);
  }
}

function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

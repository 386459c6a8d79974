import { importJWK, jwtVerify, SignJWT } from 'jose';
import { type SigningKey, signingAlg } from './signing-key';
import type { SeededUser } from './users';

/** Audience of access tokens when the client names none. */
export const defaultAudience = 'api://kpi-platform';
/** Lifetime of access and ID tokens. */
export const tokenTtlSeconds = 3600;

/** The claims about a user that both access and ID tokens carry. */
function userClaims(user: SeededUser): Record<string, unknown> {
  return {
    email: user.email,
    name: user.name,
    preferred_username: user.email,
    ...(user.tid ? { tid: user.tid } : {}),
    roles: [...user.roles],
  };
}

function sign(
  key: SigningKey,
  claims: Record<string, unknown>,
  iss: string,
  sub: string,
  aud: string,
  ttl: number,
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: signingAlg, kid: key.kid, typ: 'JWT' })
    .setIssuer(iss)
    .setSubject(sub)
    .setAudience(aud)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(`${ttl}s`)
    .sign(key.privateKey);
}

/** An access token for the API: iss, aud, sub, email, name, tid (if any), roles, iat, exp. */
export function signAccessToken(
  key: SigningKey,
  issuer: string,
  user: SeededUser,
  options: { audience?: string; ttlSeconds?: number; clientId?: string; scope?: string } = {},
): Promise<string> {
  const claims = {
    ...userClaims(user),
    ...(options.clientId ? { azp: options.clientId } : {}),
    ...(options.scope ? { scp: options.scope } : {}),
  };
  const aud = options.audience ?? defaultAudience;
  return sign(key, claims, issuer, user.sub, aud, options.ttlSeconds ?? tokenTtlSeconds);
}

/** An OpenID Connect ID token for the client that signed the user in. */
export function signIdToken(
  key: SigningKey,
  issuer: string,
  user: SeededUser,
  options: { clientId: string; nonce?: string; authTime: number },
): Promise<string> {
  const claims = {
    ...userClaims(user),
    auth_time: options.authTime,
    ...(options.nonce ? { nonce: options.nonce } : {}),
  };
  return sign(key, claims, issuer, user.sub, options.clientId, tokenTtlSeconds);
}

/** Lifetime of refresh tokens. */
export const refreshTtlSeconds = 8 * 3600;

/** What a refresh token remembers of the sign-in. */
export interface RefreshGrant {
  email: string;
  clientId: string;
  scope: string;
  audience: string;
  authTime: number;
}

// Refresh tokens are JWTs for the token endpoint itself (aud `<issuer>/token`, so no API accepts
// them), which lets them outlive an issuer restart without server-side state.
const refreshAudience = (issuer: string) => `${issuer}/token`;

/** A refresh token for a grant. */
export function signRefreshToken(
  key: SigningKey,
  issuer: string,
  sub: string,
  grant: RefreshGrant,
): Promise<string> {
  return new SignJWT({ token_use: 'refresh', ...grant })
    .setProtectedHeader({ alg: signingAlg, kid: key.kid })
    .setIssuer(issuer)
    .setSubject(sub)
    .setAudience(refreshAudience(issuer))
    .setIssuedAt()
    .setExpirationTime(`${refreshTtlSeconds}s`)
    .sign(key.privateKey);
}

/** The grant in a refresh token; throws when it is not a valid, unexpired one from this issuer. */
export async function verifyRefreshToken(
  key: SigningKey,
  issuer: string,
  token: string,
): Promise<RefreshGrant> {
  const publicKey = await importJWK(key.publicJwk, signingAlg);
  const { payload } = await jwtVerify(token, publicKey, { issuer, audience: refreshAudience(issuer) });
  if (payload.token_use !== 'refresh') throw new Error('IDENTITY.NOT_A_REFRESH_TOKEN');
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    email: str(payload.email),
    clientId: str(payload.clientId),
    scope: str(payload.scope),
    audience: str(payload.audience),
    authTime: typeof payload.authTime === 'number' ? payload.authTime : 0,
  };
}

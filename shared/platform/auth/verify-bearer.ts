/**
 * Bearer JWT verification with jose: keys from the issuer's JWKS (URI from its OpenID discovery document,
 * fetched once per process), issuer, audience, exp/nbf with a small clock tolerance.
 */
import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { AppError, ErrorCodes, unauthorized } from '../errors';
import type { Caller } from './caller';
import { isPlatformRole, isTenantRole, type Role } from './roles';

/** Verifies a bearer token and returns the caller it names; throws 401 `AUTH.TOKEN_INVALID` (or 503). */
export interface BearerVerifier {
  verifyBearer(token: string): Promise<Caller>;
}

export interface BearerVerifierOptions {
  /** Expected `iss`; the discovery document is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  audience: string;
  /** Key source; default: remote JWKS found through discovery. Tests pass `createLocalJWKSet(...)`. */
  jwks?: JWTVerifyGetKey;
  clockToleranceSeconds?: number;
  /**
   * Verified tokens remembered until they expire (default 1000; 0 disables). A UI sends the same token for
   * many requests, and signature verification is most of the edge's cost.
   */
  cacheSize?: number;
}

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

/** Creates a verifier; the JWKS is discovered lazily on first use and then cached (jose caches keys). */
export function createBearerVerifier(options: BearerVerifierOptions): BearerVerifier {
  const issuer = options.issuer.replace(/\/+$/, '');
  let keys: Promise<JWTVerifyGetKey> | undefined = options.jwks ? Promise.resolve(options.jwks) : undefined;

  const getKeys = (): Promise<JWTVerifyGetKey> => {
    keys ??= discoverJwks(issuer).catch((err) => {
      keys = undefined; // retry discovery on the next request instead of failing forever
      throw err;
    });
    return keys;
  };

  const tolerance = options.clockToleranceSeconds ?? 60;
  const cacheSize = options.cacheSize ?? 1000;
  const cache = new Map<string, { caller: Caller; expiresAt: number }>();

  return {
    async verifyBearer(token) {
      const hit = cache.get(token);
      if (hit) {
        if (Date.now() / 1000 < hit.expiresAt + tolerance) return hit.caller;
        cache.delete(token);
      }
      const jwks = await getKeys();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer: [issuer, `${issuer}/`],
          audience: options.audience,
          clockTolerance: tolerance,
          algorithms: ALGORITHMS,
          requiredClaims: ['sub', 'exp'],
        }));
      } catch (err) {
        if (err instanceof joseErrors.JWKSTimeout) {
          throw new AppError(
            ErrorCodes.unavailable,
            'The identity provider did not answer',
            503,
            undefined,
            undefined,
            {
              cause: err,
            },
          );
        }
        throw unauthorized(ErrorCodes.tokenInvalid, `Bearer token rejected: ${describeJoseError(err)}`);
      }
      const caller = callerFromClaims(payload);
      if (cacheSize > 0 && typeof payload.exp === 'number') {
        // Map keeps insertion order: dropping the first entry evicts the oldest.
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
        cache.set(token, { caller, expiresAt: payload.exp });
      }
      return caller;
    },
  };
}

async function discoverJwks(issuer: string): Promise<JWTVerifyGetKey> {
  const where = `${issuer}/.well-known/openid-configuration`;
  let jwksUri: unknown;
  try {
    const res = await fetch(where, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    jwksUri = ((await res.json()) as { jwks_uri?: unknown }).jwks_uri;
  } catch (err) {
    throw new AppError(
      ErrorCodes.unavailable,
      'The identity provider is unavailable',
      503,
      undefined,
      undefined,
      {
        cause: new Error(`OpenID discovery at ${where} failed`, { cause: err }),
      },
    );
  }
  if (typeof jwksUri !== 'string') {
    throw new AppError(ErrorCodes.unavailable, `Discovery document at ${where} has no jwks_uri`, 503);
  }
  return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
}

/** A reason safe to show to the caller (no token content). */
function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'token expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `claim "${err.claim}" ${err.reason}`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature verification failed';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'no matching signing key';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) return 'malformed token';
  return 'invalid token';
}

/** Maps verified claims to a Caller; roles of the wrong kind for the principal are dropped. */
export function callerFromClaims(payload: JWTPayload): Caller {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const tid = str(payload.tid);
  const rawRoles = Array.isArray(payload.roles) ? payload.roles : [];
  const roles: Role[] = tid ? rawRoles.filter(isTenantRole) : rawRoles.filter(isPlatformRole);
  const subject = str(payload.sub) ?? '';
  const email = str(payload.email) ?? str(payload.preferred_username) ?? str(payload.upn) ?? '';
  return Object.freeze({
    kind: 'user' as const,
    subject,
    email,
    name: str(payload.name) ?? email,
    ...(tid ? { tenantId: tid } : {}),
    roles: Object.freeze(roles),
    isPlatformStaff: !tid && roles.length > 0,
  });
}

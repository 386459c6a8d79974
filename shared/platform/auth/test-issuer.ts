/**
 * A token issuer for tests: an in-memory RS256 key, a verifier that trusts it (local JWKS, no network),
 * and `sign` to mint tokens for the seeded users or any claims.
 */
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWTPayload,
  type JWTVerifyGetKey,
  SignJWT,
} from 'jose';
import type { Role } from './roles';
import { type BearerVerifier, createBearerVerifier } from './verify-bearer';

export interface TestIssuer {
  issuer: string;
  audience: string;
  verifier: BearerVerifier;
  /** The public key set, for verifiers with other options. */
  jwks: JWTVerifyGetKey;
  /** Signs `claims`; `expiresIn` default `'5m'`; override `issuer`/`audience`/`key` to make bad tokens. */
  sign(
    claims: JWTPayload,
    options?: {
      expiresIn?: string | number;
      notBefore?: string | number;
      issuer?: string;
      audience?: string;
    },
  ): Promise<string>;
  /** A token for a user: `user('eddie', 'contoso', ['editor'])`; `tenantId` undefined for staff. */
  user(name: string, tenantId: string | undefined, roles: Role[]): Promise<string>;
}

export async function createTestIssuer(
  issuer = 'http://127.0.0.1:7072/issuer',
  audience = 'api://kpi-platform',
): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const jwks = createLocalJWKSet({ keys: [jwk] });
  const verifier = createBearerVerifier({ issuer, audience, jwks });
  const sign: TestIssuer['sign'] = async (claims, options = {}) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuedAt()
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? audience)
      .setExpirationTime(options.expiresIn ?? '5m');
    if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
    return jwt.sign(privateKey);
  };
  return {
    issuer,
    audience,
    verifier,
    jwks,
    sign,
    user: (name, tenantId, roles) =>
      sign({
        sub: `user-${name}`,
        email: `${name}@${tenantId ?? 'vendor'}.example`,
        name,
        roles,
        ...(tenantId ? { tid: tenantId } : {}),
      }),
  };
}

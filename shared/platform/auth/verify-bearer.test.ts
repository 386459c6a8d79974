import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { ANY_USER, atLeast } from './roles';
import { createTestIssuer, type TestIssuer } from './test-issuer';
import { callerFromClaims, createBearerVerifier } from './verify-bearer';

let iss: TestIssuer;
beforeAll(async () => {
  iss = await createTestIssuer();
});

async function rejection(token: string): Promise<AppError> {
  const err = await iss.verifier.verifyBearer(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('verifyBearer', () => {
  it('accepts a valid token and maps the claims', async () => {
    const caller = await iss.verifier.verifyBearer(await iss.user('eddie', 'contoso', ['editor']));
    expect(caller).toEqual({
      kind: 'user',
      subject: 'user-eddie',
      email: 'eddie@contoso.example',
      name: 'eddie',
      tenantId: 'contoso',
      roles: ['editor'],
      isPlatformStaff: false,
    });
  });

  it('rejects an expired token', async () => {
    const err = await rejection(
      await iss.sign({ sub: 'x' }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }),
    );
    expect(err.code).toBe('AUTH.TOKEN_INVALID');
    expect(err.httpStatus).toBe(401);
    expect(err.message).toMatch(/expired/);
    expect(err.headers?.['www-authenticate']).toMatch(/^Bearer/);
  });

  it('tolerates small clock skew but not a future nbf beyond it', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(
      iss.verifier.verifyBearer(await iss.sign({ sub: 'x' }, { notBefore: now + 20 })),
    ).resolves.toBeTruthy();
    const err = await rejection(await iss.sign({ sub: 'x' }, { notBefore: now + 600 }));
    expect(err.message).toMatch(/nbf/);
  });

  it('rejects a wrong issuer', async () => {
    const err = await rejection(await iss.sign({ sub: 'x' }, { issuer: 'http://evil.example' }));
    expect(err.code).toBe('AUTH.TOKEN_INVALID');
    expect(err.message).toMatch(/iss/);
  });

  it('rejects a wrong audience', async () => {
    const err = await rejection(await iss.sign({ sub: 'x' }, { audience: 'api://other' }));
    expect(err.message).toMatch(/aud/);
  });

  it('rejects a token signed by another key with the same kid', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ sub: 'x', roles: ['platform-admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(iss.issuer)
      .setAudience(iss.audience)
      .setExpirationTime('5m')
      .sign(privateKey);
    const err = await rejection(forged);
    expect(err.message).toMatch(/signature/);
  });

  it('rejects a tampered payload', async () => {
    const [h, , s] = (await iss.user('vera', 'contoso', ['viewer'])).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', tid: 'contoso', roles: ['owner'] })).toString(
      'base64url',
    );
    const err = await rejection(`${h}.${payload}.${s}`);
    expect(err.code).toBe('AUTH.TOKEN_INVALID');
  });

  it('rejects garbage and unsigned tokens', async () => {
    expect((await rejection('not-a-jwt')).message).toMatch(/malformed|invalid/);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'x', iss: iss.issuer, aud: iss.audience, exp: 9999999999 }),
    ).toString('base64url')}.`;
    expect((await rejection(none)).code).toBe('AUTH.TOKEN_INVALID');
  });

  it('rejects a token without exp', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k' };
    const v = createBearerVerifier({
      issuer: 'https://i',
      audience: 'a',
      jwks: createLocalJWKSet({ keys: [jwk] }),
    });
    const t = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k' })
      .setIssuer('https://i')
      .setAudience('a')
      .sign(privateKey);
    await expect(v.verifyBearer(t)).rejects.toMatchObject({ code: 'AUTH.TOKEN_INVALID' });
  });
});

describe('verified token cache', () => {
  it('returns the cached caller for a repeated token, but never caches a rejection', async () => {
    const token = await iss.user('olivia', 'contoso', ['owner']);
    const a = await iss.verifier.verifyBearer(token);
    expect(await iss.verifier.verifyBearer(token)).toBe(a);
    const bad = await iss.sign({ sub: 'x' }, { audience: 'api://other' });
    await expect(iss.verifier.verifyBearer(bad)).rejects.toMatchObject({ code: 'AUTH.TOKEN_INVALID' });
    await expect(iss.verifier.verifyBearer(bad)).rejects.toMatchObject({ code: 'AUTH.TOKEN_INVALID' });
  });

  it('drops a cached token once it is past exp + tolerance', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k' };
    const v = createBearerVerifier({
      issuer: 'https://i',
      audience: 'a',
      jwks: createLocalJWKSet({ keys: [jwk] }),
      clockToleranceSeconds: 0,
    });
    const t = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k' })
      .setIssuer('https://i')
      .setAudience('a')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 1)
      .sign(privateKey);
    await expect(v.verifyBearer(t)).resolves.toMatchObject({ subject: 'x' });
    await new Promise((r) => setTimeout(r, 2100));
    await expect(v.verifyBearer(t)).rejects.toMatchObject({ code: 'AUTH.TOKEN_INVALID' });
  });
});

describe('callerFromClaims', () => {
  it('keeps only platform roles for staff (no tid) and only tenant roles for tenant users', () => {
    expect(callerFromClaims({ sub: 'a', roles: ['platform-admin', 'owner'] })).toMatchObject({
      roles: ['platform-admin'],
      isPlatformStaff: true,
    });
    const tenantUser = callerFromClaims({ sub: 'b', tid: 'contoso', roles: ['support', 'viewer', 'bogus'] });
    expect(tenantUser).toMatchObject({ roles: ['viewer'], isPlatformStaff: false, tenantId: 'contoso' });
  });

  it('is not staff without any platform role', () => {
    expect(callerFromClaims({ sub: 'c', roles: [] }).isPlatformStaff).toBe(false);
  });
});

describe('roles', () => {
  it('atLeast ranks tenant roles and places platform-admin above them, support as viewer only', () => {
    expect(atLeast('editor').sort()).toEqual(['admin', 'editor', 'owner', 'platform-admin']);
    expect(atLeast('owner').sort()).toEqual(['owner', 'platform-admin']);
    expect(atLeast('viewer').sort()).toEqual([...ANY_USER].sort());
  });
});

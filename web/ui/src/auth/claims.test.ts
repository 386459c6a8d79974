import { describe, expect, it } from 'vitest';
import { decodeJwtPayload, hasAnyRole, userFromClaims } from './claims';

const jwt = (payload: object) => `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('userFromClaims', () => {
  it('reads email, name, tenant and roles from the ID token profile', () => {
    const user = userFromClaims(
      { sub: 'u1', email: 'olivia@contoso.example', name: 'Olivia', tid: 'contoso', roles: ['owner'] },
      undefined,
    );
    expect(user).toEqual({
      sub: 'u1',
      email: 'olivia@contoso.example',
      name: 'Olivia',
      tenantId: 'contoso',
      roles: ['owner'],
    });
  });

  it('falls back to access-token claims (Entra puts app roles there)', () => {
    const user = userFromClaims(
      { sub: 'u2', preferred_username: 'sam@vendor.example' },
      jwt({ roles: ['support'], name: 'Sam Ünsal' }),
    );
    expect(user).toEqual({ sub: 'u2', email: 'sam@vendor.example', name: 'Sam Ünsal', roles: ['support'] });
    expect(user.tenantId).toBeUndefined();
    expect(hasAnyRole(user, ['platform-admin', 'support'])).toBe(true);
    expect(hasAnyRole(user, ['owner'])).toBe(false);
  });
});

describe('decodeJwtPayload', () => {
  it('decodes base64url payloads and rejects anything else', () => {
    expect(decodeJwtPayload(jwt({ a: 'é?>' }))).toEqual({ a: 'é?>' });
    expect(decodeJwtPayload('opaque-token')).toBeUndefined();
    expect(decodeJwtPayload('a.!!!.c')).toBeUndefined();
    expect(decodeJwtPayload(undefined)).toBeUndefined();
  });
});

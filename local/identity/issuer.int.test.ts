import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../net';
import { type RunningIssuer, startIssuer } from './issuer';
import { seededUsers } from './users';

const redirectUri = 'http://127.0.0.1:4281/auth/callback';
const clientId = 'kpi-config';

describe('startIssuer (local OpenID provider)', () => {
  let dataDir: string;
  let port: number;
  let issuer: RunningIssuer;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kpi-identity-'));
    port = await freePort();
    issuer = await startIssuer({
      port,
      dataDir,
      users: seededUsers,
      clientTenants: { 'kpi-client': 'contoso' },
    });
  });
  afterAll(async () => {
    await issuer?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const pkce = () => {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  };

  const authorizeUrl = (challenge: string, extra: Record<string, string> = {}) => {
    const url = new URL(`${issuer.issuer}/authorize`);
    const params = {
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile email',
      state: 'st-123',
      nonce: 'n-456',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url;
  };

  /** Sign-in page → the user's link → redirect back with a code. */
  const signIn = async (email: string, challenge: string) => {
    const page = await fetch(authorizeUrl(challenge));
    expect(page.status).toBe(200);
    const html = await page.text();
    const href = new RegExp(`data-email="${email}" href="([^"]+)"`).exec(html)?.[1];
    expect(href).toBeDefined();
    const back = await fetch(new URL(href?.replaceAll('&amp;', '&') ?? '', issuer.issuer), {
      redirect: 'manual',
    });
    expect(back.status).toBe(302);
    const location = new URL(back.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('st-123');
    return location.searchParams.get('code') ?? '';
  };

  const exchange = (code: string, verifier: string) =>
    fetch(`${issuer.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:4281' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: clientId,
        code_verifier: verifier,
      }),
    });

  it('publishes discovery and a JWKS with its signing key', async () => {
    const discovery = (await (
      await fetch(`${issuer.issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: issuer.issuer,
      authorization_endpoint: `${issuer.issuer}/authorize`,
      token_endpoint: `${issuer.issuer}/token`,
      jwks_uri: issuer.jwksUri,
      end_session_endpoint: `${issuer.issuer}/logout`,
      code_challenge_methods_supported: ['S256'],
    });
    const jwks = (await (await fetch(issuer.jwksUri)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('runs the authorization code flow with PKCE; the tokens verify against the remote JWKS', async () => {
    const { verifier, challenge } = pkce();
    const code = await signIn('olivia@contoso.example', challenge);
    const res = await exchange(code, verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4281');
    const body = (await res.json()) as Record<string, string | number>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });

    const jwks = createRemoteJWKSet(new URL(issuer.jwksUri));
    const { payload } = await jwtVerify(String(body.access_token), jwks, {
      issuer: issuer.issuer,
      audience: 'api://kpi-platform',
    });
    const olivia = seededUsers.find((u) => u.email === 'olivia@contoso.example');
    expect(payload).toMatchObject({
      sub: olivia?.sub,
      email: 'olivia@contoso.example',
      name: olivia?.name,
      tid: 'contoso',
      roles: ['owner'],
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);

    const id = await jwtVerify(String(body.id_token), jwks, { issuer: issuer.issuer, audience: clientId });
    expect(id.payload).toMatchObject({ nonce: 'n-456', email: 'olivia@contoso.example' });

    // Vendor staff carry no tenant.
    const ada = decodeJwt(await issuer.signToken('ada@vendor.example'));
    expect(ada).not.toHaveProperty('tid');
    expect(ada.roles).toEqual(['platform-admin']);
  });

  it('answers invalid_grant for a wrong verifier, and the code is then spent', async () => {
    const { verifier, challenge } = pkce();
    const code = await signIn('eddie@contoso.example', challenge);
    const wrong = await exchange(code, randomBytes(32).toString('base64url'));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    expect(await (await exchange(code, verifier)).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers invalid_grant when a code is used twice', async () => {
    const { verifier, challenge } = pkce();
    const code = await signIn('vera@contoso.example', challenge);
    expect((await exchange(code, verifier)).status).toBe(200);
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses unknown clients and foreign redirect URIs without redirecting; other errors go back', async () => {
    const { challenge } = pkce();
    const badClient = await fetch(authorizeUrl(challenge, { client_id: 'evil' }), { redirect: 'manual' });
    expect(badClient.status).toBe(400);
    const badRedirect = await fetch(authorizeUrl(challenge, { redirect_uri: 'https://evil.example/cb' }), {
      redirect: 'manual',
    });
    expect(badRedirect.status).toBe(400);
    const noPkce = await fetch(authorizeUrl('', { code_challenge_method: 'plain' }), { redirect: 'manual' });
    expect(noPkce.status).toBe(302);
    const location = new URL(noPkce.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('st-123');
  });

  it('allows CORS only from loopback origins, and logs out to the given loopback address', async () => {
    const foreign = await fetch(`${issuer.issuer}/.well-known/openid-configuration`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const logout = await fetch(
      `${issuer.issuer}/logout?post_logout_redirect_uri=${encodeURIComponent('http://localhost:4282/')}&state=s1`,
      { redirect: 'manual' },
    );
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('http://localhost:4282/?state=s1');
  });

  it('refreshes tokens with the refresh token', async () => {
    const { verifier, challenge } = pkce();
    const first = (await (
      await exchange(await signIn('alex@fabrikam.example', challenge), verifier)
    ).json()) as {
      refresh_token: string;
    };
    const res = await fetch(`${issuer.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: clientId,
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string };
    expect(decodeJwt(body.access_token)).toMatchObject({ email: 'alex@fabrikam.example', tid: 'fabrikam' });
    // An access token is no refresh token.
    const misuse = await fetch(`${issuer.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: body.access_token }),
    });
    expect(await misuse.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it("lists only a one-tenant client's own users, and refuses anyone else; other clients list everyone", async () => {
    const listed = async (client: string) =>
      [
        ...(await (await fetch(authorizeUrl(pkce().challenge, { client_id: client }))).text()).matchAll(
          /data-email="([^"]+)"/g,
        ),
      ].map((m) => m[1]);
    const contoso = seededUsers.filter((u) => u.tid === 'contoso').map((u) => u.email);
    expect(contoso.length).toBeGreaterThan(1);
    expect(await listed('kpi-client')).toEqual(contoso);
    expect(await listed('kpi-config')).toEqual(seededUsers.map((u) => u.email));
    expect(await listed('kpi-monitor')).toEqual(seededUsers.map((u) => u.email));
    // A link forged for someone else's user is refused back to the client, with no code.
    const page = await (await fetch(authorizeUrl(pkce().challenge, { client_id: 'kpi-client' }))).text();
    const href = /href="(\/authorize\/continue\?request=[^"&]+)/.exec(page)?.[1] ?? '';
    const forged = await fetch(
      new URL(`${href}&user=${encodeURIComponent('sam@vendor.example')}`, issuer.issuer),
      {
        redirect: 'manual',
      },
    );
    expect(forged.status).toBe(302);
    const back = new URL(forged.headers.get('location') ?? '');
    expect([back.searchParams.get('error'), back.searchParams.get('code')]).toEqual(['access_denied', null]);
  });

  it('keeps its signing key across a restart, so earlier tokens still verify', async () => {
    const token = await issuer.signToken('sam@vendor.example', { audience: 'api://other', ttlSeconds: 120 });
    const before = decodeJwt(token);
    expect(before.aud).toBe('api://other');
    expect((before.exp ?? 0) - (before.iat ?? 0)).toBe(120);
    await issuer.stop();
    issuer = await startIssuer({ port, dataDir, users: seededUsers });
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(issuer.jwksUri)), {
      issuer: issuer.issuer,
      audience: 'api://other',
    });
    expect(payload.email).toBe('sam@vendor.example');
    await expect(issuer.signToken('nobody@example.com')).rejects.toThrow(/IDENTITY.UNKNOWN_USER/);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { InMemoryWebStorage, OidcClient, WebStorageStateStore } from 'oidc-client-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../net';
import { type RunningIssuer, startIssuer } from './issuer';
import { seededUsers } from './users';

// The UIs sign in with oidc-client-ts. Its OidcClient (the part below UserManager, without window
// navigation) runs in Node, so this drives the issuer with the library's own requests and checks.
describe('issuer with oidc-client-ts defaults', () => {
  let dataDir: string;
  let issuer: RunningIssuer;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kpi-identity-oidc-'));
    issuer = await startIssuer({ port: await freePort(), dataDir, users: seededUsers });
  });
  afterAll(async () => {
    await issuer?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs in through createSigninRequest → sign-in page → processSigninResponse', async () => {
    const client = new OidcClient({
      authority: issuer.issuer,
      client_id: 'kpi-monitor',
      redirect_uri: 'http://localhost:4282/auth/callback',
      post_logout_redirect_uri: 'http://localhost:4282/',
      scope: 'openid profile email',
      stateStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    });
    const request = await client.createSigninRequest({ state: { returnTo: '/kpis' } });
    const page = await fetch(request.url);
    expect(page.status).toBe(200);
    const href = /data-email="eddie@contoso.example" href="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const back = await fetch(new URL(href.replaceAll('&amp;', '&'), issuer.issuer), { redirect: 'manual' });
    const callbackUrl = back.headers.get('location') ?? '';
    expect(callbackUrl.startsWith('http://localhost:4282/auth/callback?')).toBe(true);

    const response = await client.processSigninResponse(callbackUrl);
    expect(response.userState).toEqual({ returnTo: '/kpis' });
    expect(response.profile).toMatchObject({
      email: 'eddie@contoso.example',
      tid: 'contoso',
      roles: ['editor'],
    });
    const { payload } = await jwtVerify(response.access_token, createRemoteJWKSet(new URL(issuer.jwksUri)), {
      issuer: issuer.issuer,
      audience: 'api://kpi-platform',
    });
    expect(payload.email).toBe('eddie@contoso.example');

    const signout = await client.createSignoutRequest({ id_token_hint: response.id_token });
    const out = await fetch(signout.url, { redirect: 'manual' });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')?.startsWith('http://localhost:4282/')).toBe(true);
  });
});

/**
 * The licence service through the local stack (real host, Cosmos stand-in, Service Bus broker): issuing,
 * tenant isolation, a stranger verifying a key with only the published JWKS, activation and online
 * validation with a deployment credential, renewal, revocation, and the expiry sweep run twice.
 */
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { seededEmails } from '../../local/identity/users';
import { appClient, useStack } from '../../local/test/app-stack';

const stack = useStack('kpi-license-');
const DAY = 86_400_000;

const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().replace(/\.\d{3}Z$/, '.000Z');

const call = appClient(stack, 'license');

const issueRequest = (over: Record<string, unknown> = {}) => ({
  tenantId: 'contoso',
  configurationId: 'cfg-contoso-1',
  kpiIds: ['revenue-growth', 'gross-margin'],
  edition: 'professional',
  maxDeployments: 1,
  expiresAt: inDays(365),
  graceDays: 30,
  contacts: ['olivia@contoso.example'],
  ...over,
});

const ADA = 'ada@vendor.example';
const OLIVIA = 'olivia@contoso.example';
const deployment = (credential: string) => ({ authorization: `Deployment ${credential}` });

describe('licence service through the local host', () => {
  let licenseId: string;
  let key: string;
  let credential: string;

  it('issues for platform admins only', async () => {
    expect((await call('POST', 'licenses', { as: OLIVIA, body: issueRequest() })).body.error.code).toBe(
      'AUTH.ROLE_FORBIDDEN',
    );
    const res = await call('POST', 'licenses', { as: ADA, body: issueRequest() });
    expect(res.status).toBe(201);
    expect(res.body.license).toMatchObject({ tenantId: 'contoso', status: 'active', daysLeft: 365 });
    licenseId = res.body.license.id;
    key = res.body.key;
  });

  it("issued from a Config configuration, the licence carries that configuration's selection", async () => {
    const res = await fetch(
      `${stack.urls.api}/demo-config/tenants/contoso/configurations/contoso-plant-analytics`,
      { headers: { authorization: `Bearer ${await stack.token(OLIVIA)}` } },
    );
    const configuration = (await res.json()) as { selectedKpis: { kpiId: string }[] };
    const selected = configuration.selectedKpis.map((k) => k.kpiId);
    expect(selected.length).toBeGreaterThan(0);
    const { kpiIds: _none, ...request } = issueRequest({ configurationId: 'contoso-plant-analytics' });
    const issued = await call('POST', 'licenses', { as: ADA, body: request });
    expect(issued.status).toBe(201);
    expect(issued.body.license.kpiIds).toEqual(selected);
    const outside = await call('POST', 'licenses', {
      as: ADA,
      body: issueRequest({ configurationId: 'contoso-plant-analytics', kpiIds: ['no-such-kpi'] }),
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('LICENSE.KPI_NOT_IN_CONFIGURATION');
    // Another tenant's configuration is not there for fabrikam: nothing to entitle.
    const { kpiIds: _x, ...foreign } = issueRequest({
      tenantId: 'fabrikam',
      configurationId: 'contoso-plant-analytics',
    });
    const refused = await call('POST', 'licenses', { as: ADA, body: foreign });
    expect(refused.body.error.code).toBe('LICENSE.CONFIGURATION_NOT_FOUND');
  });

  it('a stranger verifies the key with a JOSE library and the published JWKS only', async () => {
    const jwks = await call('GET', 'jwks');
    expect(jwks.status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(key, createLocalJWKSet(jwks.body), {
      algorithms: ['EdDSA'],
    });
    expect(protectedHeader.kid).toBe(jwks.body.keys[0].kid);
    expect(payload).toMatchObject({
      sub: licenseId,
      tenantId: 'contoso',
      kpiIds: ['revenue-growth', 'gross-margin'],
    });
  });

  it('keeps tenants apart; vendor staff see every tenant', async () => {
    expect((await call('GET', `licenses/${licenseId}`, { as: OLIVIA })).body.id).toBe(licenseId);
    expect((await call('GET', `licenses/${licenseId}`, { as: 'alex@fabrikam.example' })).status).toBe(404);
    expect((await call('GET', 'licenses', { as: 'alex@fabrikam.example' })).body.items).toEqual([]);
    const staff = await call('GET', 'licenses', { as: 'sam@vendor.example' });
    expect(staff.body.items.map((l: { id: string }) => l.id)).toContain(licenseId);
    expect((await call('GET', `licenses/${licenseId}/key`, { as: 'vera@contoso.example' })).status).toBe(403);
    expect((await call('GET', `licenses/${licenseId}/key`, { as: OLIVIA })).body.key).toBe(key);
  });

  it('activates a deployment once and validates it online with its credential', async () => {
    const act = await call('POST', 'activations', { body: { key, deploymentId: 'contoso-prod' } });
    expect(act.status).toBe(201);
    credential = act.body.credential;
    expect(credential).toMatch(/^dc_[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    const full = await call('POST', 'activations', { body: { key, deploymentId: 'contoso-test' } });
    expect(full.body.error.code).toBe('LICENSE.DEPLOYMENT_LIMIT');

    const ok = await call('POST', 'validations', {
      body: { key, deploymentId: 'contoso-prod' },
      headers: deployment(credential),
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      licenseId,
      status: 'active',
      mode: 'full',
      kpiIds: ['revenue-growth', 'gross-margin'],
    });
    // The validation is recorded on the deployment's slot and shown in the licence view.
    const view = (await call('GET', `licenses/${licenseId}`, { as: OLIVIA })).body;
    expect(view.lastValidatedAt).toBe(ok.body.serverTime);
    expect(view.activeDeployments).toEqual([
      expect.objectContaining({ deploymentId: 'contoso-prod', lastValidatedAt: ok.body.serverTime }),
    ]);
    // Throttled: a validation within the interval is answered but not written again.
    const again = await call('POST', 'validations', {
      body: { key, deploymentId: 'contoso-prod' },
      headers: deployment(credential),
    });
    expect(again.status).toBe(200);
    expect((await call('GET', `licenses/${licenseId}`, { as: OLIVIA })).body.lastValidatedAt).toBe(
      ok.body.serverTime,
    );
    const noCredential = await call('POST', 'validations', { body: { key, deploymentId: 'contoso-prod' } });
    expect([noCredential.status, noCredential.body.error.code]).toEqual([401, 'LICENSE.CREDENTIAL_INVALID']);
  });

  it('rotates a deployment credential with the current one; the old one is dead at once', async () => {
    const rotate = (as: string, deploymentId = 'contoso-prod') =>
      call('POST', `deployments/${deploymentId}/credential`, { body: {}, headers: deployment(as) });
    const other = await rotate(credential, 'contoso-other');
    expect([other.status, other.body.error.code]).toEqual([403, 'LICENSE.DEPLOYMENT_MISMATCH']);
    const anonymous = await call('POST', 'deployments/contoso-prod/credential', { body: {} });
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'LICENSE.CREDENTIAL_INVALID']);
    const rotated = await rotate(credential);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({
      licenseId,
      tenantId: 'contoso',
      deploymentId: 'contoso-prod',
      previousCredentialId: credential.split('.')[0],
    });
    expect(rotated.body.credential).toMatch(/^dc_[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(rotated.body.credential.startsWith(rotated.body.credentialId)).toBe(true);
    const old = credential;
    credential = rotated.body.credential;
    const withOld = await call('POST', 'validations', {
      body: { key, deploymentId: 'contoso-prod' },
      headers: deployment(old),
    });
    expect([withOld.status, withOld.body.error.code]).toEqual([401, 'LICENSE.DEPLOYMENT_DEACTIVATED']);
    expect((await rotate(old)).body.error.code).toBe('LICENSE.DEPLOYMENT_DEACTIVATED');
    const withNew = await call('POST', 'validations', {
      body: { key, deploymentId: 'contoso-prod' },
      headers: deployment(credential),
    });
    expect(withNew.status).toBe(200);
    // Still one slot; the licence history says who rotated what.
    const view = (await call('GET', `licenses/${licenseId}`, { as: OLIVIA })).body;
    expect(view.activeDeployments.map((d: { deploymentId: string }) => d.deploymentId)).toEqual([
      'contoso-prod',
    ]);
    const history = (await call('GET', `licenses/${licenseId}/history`, { as: ADA })).body.items;
    expect(history.at(-1)).toMatchObject({
      action: 'credential-rotated',
      by: 'deployment:contoso-prod',
      details: { credentialId: rotated.body.credentialId, previousCredentialId: old.split('.')[0] },
    });
  });

  it('refuses a tampered key with its reason, storing nothing', async () => {
    const [h, p, s] = key.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, maxDeployments: 50 })).toString('base64url')}.${s}`;
    const res = await call('POST', 'activations', { body: { key: tampered, deploymentId: 'pirate' } });
    expect([res.status, res.body.error.code]).toEqual([403, 'LICENSE.SIGNATURE_INVALID']);
    const huge = await call('POST', 'activations', {
      body: { key: `${key}${'A'.repeat(100_000)}`, deploymentId: 'x' },
    });
    expect([huge.status, huge.body.error.code]).toEqual([403, 'LICENSE.KEY_OVERSIZED']);
    const view = await call('GET', `licenses/${licenseId}`, { as: ADA });
    expect(view.body.activeDeployments.map((d: { deploymentId: string }) => d.deploymentId)).toEqual([
      'contoso-prod',
    ]);
  });

  it('deactivation frees the slot and kills the credential', async () => {
    const off = await call('POST', `licenses/${licenseId}/deployments/contoso-prod/deactivate`, {
      as: OLIVIA,
      body: {},
    });
    expect(off.status).toBe(204);
    const reuse = await call('POST', 'validations', {
      body: { key, deploymentId: 'contoso-prod' },
      headers: deployment(credential),
    });
    expect([reuse.status, reuse.body.error.code]).toEqual([401, 'LICENSE.DEPLOYMENT_DEACTIVATED']);
    const again = await call('POST', 'activations', { body: { key, deploymentId: 'contoso-prod' } });
    expect(again.status).toBe(201);
    credential = again.body.credential;
  });

  it('renewal supersedes the old key; revocation refuses every key', async () => {
    const renewed = await call('POST', `licenses/${licenseId}/renew`, {
      as: ADA,
      body: { expiresAt: inDays(700) },
    });
    expect(renewed.status).toBe(200);
    const old = await call('POST', 'validations', {
      body: { key, deploymentId: 'contoso-prod' },
      headers: deployment(credential),
    });
    expect(old.body.error.code).toBe('LICENSE.KEY_SUPERSEDED');
    const fresh = await call('POST', 'validations', {
      body: { key: renewed.body.key, deploymentId: 'contoso-prod' },
      headers: deployment(credential),
    });
    expect(fresh.body).toMatchObject({ status: 'active', daysLeft: 700 });

    expect(
      (await call('POST', `licenses/${licenseId}/revoke`, { as: ADA, body: { reason: 'contract ended' } }))
        .status,
    ).toBe(200);
    const revoked = await call('POST', 'validations', {
      body: { key: renewed.body.key, deploymentId: 'contoso-prod' },
      headers: deployment(credential),
    });
    expect([revoked.status, revoked.body.error.code]).toEqual([403, 'LICENSE.REVOKED']);
    const history = await call('GET', `licenses/${licenseId}/history`, { as: OLIVIA });
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual([
      'issued',
      'activated',
      'credential-rotated',
      'deactivated',
      'activated',
      'renewed',
      'revoked',
    ]);
  });

  it('the expiry sweep announces a milestone once, however often it runs', async () => {
    const issued = await call('POST', 'licenses', {
      as: ADA,
      body: issueRequest({ tenantId: 'fabrikam', expiresAt: inDays(45) }),
    });
    expect(issued.body.license.status).toBe('expiring');
    for (let i = 0; i < 2; i++) {
      const run = await fetch(`${stack.urls.host}/admin/functions/licenses-expiry-sweep?wait=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"input":""}',
      });
      expect(run.status).toBe(200);
    }
    const history = await call('GET', `licenses/${issued.body.license.id}/history`, {
      as: 'alex@fabrikam.example',
    });
    expect(
      history.body.items.map((h: { action: string; details?: { milestone?: number } }) => [
        h.action,
        h.details?.milestone,
      ]),
    ).toEqual([
      ['issued', undefined],
      ['milestone', 60],
    ]);
  });

  it('serves its OpenAPI document and answers unknown routes and methods', async () => {
    const doc = await call('GET', 'openapi.json');
    expect(Object.keys(doc.body.paths).sort()).toEqual(
      [
        'licenses',
        'licenses/{licenseId}',
        'licenses/{licenseId}/key',
        'licenses/{licenseId}/history',
        'licenses/{licenseId}/renew',
        'licenses/{licenseId}/revoke',
        'licenses/{licenseId}/deployments/{deploymentId}/deactivate',
        'activations',
        'validations',
        'deployments/{deploymentId}/credential',
        'jwks',
        'openapi.json',
      ]
        .map((p) => `/api/license/${p}`)
        .sort(),
    );
    expect((await call('GET', 'nope')).status).toBe(404);
    expect((await call('DELETE', 'jwks')).status).toBe(405);
  });
});

describe('role matrix: every route against every seeded user', () => {
  const users = seededEmails;
  type Who = keyof typeof users;
  const everyone = Object.keys(users) as Who[];
  const admins: Who[] = ['ada', 'olivia', 'alex'];
  // Unknown licence ids and empty bodies: an allowed caller gets past auth (then 400/404), others get 403.
  const matrix: [string, string, Who[] | 'public', unknown?][] = [
    ['POST', 'licenses', ['ada'], {}],
    ['GET', 'licenses', everyone],
    ['GET', 'licenses/lic_none', everyone],
    ['GET', 'licenses/lic_none/key', admins],
    ['GET', 'licenses/lic_none/history', everyone],
    ['POST', 'licenses/lic_none/renew', ['ada'], {}],
    ['POST', 'licenses/lic_none/revoke', ['ada'], {}],
    ['POST', 'licenses/lic_none/deployments/d1/deactivate', admins, {}],
    ['POST', 'activations', 'public', {}],
    ['POST', 'validations', 'public', {}],
    // The credential is checked by the handler: an unexpected body stops at the edge, never at a bearer check.
    ['POST', 'deployments/d1/credential', 'public', { unexpected: true }],
    ['GET', 'jwks', 'public'],
    ['GET', 'openapi.json', 'public'],
  ];

  it('covers every route of the app', async () => {
    const doc = await call('GET', 'openapi.json');
    const documented = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace('/api/license/', '')}`),
    );
    const covered = matrix.map(
      ([m, p]) => `${m} ${p.replace('lic_none', '{licenseId}').replace('/d1/', '/{deploymentId}/')}`,
    );
    expect(covered.sort()).toEqual(documented.sort());
  });

  it.each(matrix)('%s %s', async (method, path, allowed, body) => {
    if (allowed === 'public') {
      expect((await call(method, path, { body })).status).not.toBe(401);
      return;
    }
    const anonymous = await call(method, path, { body });
    expect(anonymous.status).toBe(401);
    for (const who of everyone) {
      const res = await call(method, path, { as: users[who], body });
      if (allowed.includes(who)) expect([who, res.status]).not.toEqual([who, 403]);
      else expect([who, res.status, res.body?.error?.code]).toEqual([who, 403, 'AUTH.ROLE_FORBIDDEN']);
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
    }
  });
});

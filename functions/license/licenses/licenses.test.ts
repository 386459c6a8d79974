import type { IssueLicenseRequest } from '@kpi/shared/contracts/license';
import { DAY_MS } from '@kpi/shared/domain/license/license';
import { NOW } from '@kpi/shared/domain/license/license-mother';
import { newKeyRing, publicJwks } from '@kpi/shared/license/key-ring';
import { LicenseSigner } from '@kpi/shared/license/license-signer';
import { OfflineLicenseVerifier } from '@kpi/shared/license/offline-verifier';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import { createLogger } from '@kpi/shared/platform/log';
import { MemoryEventPublisher } from '@kpi/shared/platform/servicebus/memory-ports';
import type { DomainEvent } from '@kpi/shared/platform/servicebus/ports';
import { beforeEach, describe, expect, it } from 'vitest';
import { activateDeployment, deactivateDeployment, validateDeployment } from './deployments';
import { sweepLicenses } from './expiry-sweep';
import type { LicenseDeps } from './license-core';
import {
  findLicense,
  issueLicense,
  licenseHistory,
  listLicenses,
  renewLicense,
  revokeLicense,
} from './manage-licenses';
import { MemoryLicenseStore } from './memory-license-store';

const user = (tenantId: string | undefined, roles: Caller['roles'], email: string): Caller => ({
  kind: 'user',
  subject: email,
  email,
  name: email,
  ...(tenantId ? { tenantId } : {}),
  roles,
  isPlatformStaff: !tenantId,
});
const ada = user(undefined, ['platform-admin'], 'ada@vendor.example');
const olivia = user('contoso', ['owner'], 'olivia@contoso.example');
const alex = user('fabrikam', ['admin'], 'alex@fabrikam.example');

const ring = newKeyRing(NOW);
const days = (n: number, from = NOW) => new Date(from.getTime() + n * DAY_MS);

/** Builds an issue request; expires `expiresInDays` after NOW. */
const request = (over: Partial<IssueLicenseRequest> = {}, expiresInDays = 365): IssueLicenseRequest => ({
  tenantId: 'contoso',
  configurationId: 'cfg-1',
  kpiIds: ['revenue-growth', 'gross-margin'],
  edition: 'professional',
  features: ['dashboards'],
  maxDeployments: 2,
  expiresAt: days(expiresInDays).toISOString(),
  graceDays: 30,
  contacts: ['olivia@contoso.example'],
  ...over,
});

class FlakyPublisher extends MemoryEventPublisher {
  down = false;
  override async publish(topic: string, event: DomainEvent): Promise<void> {
    if (this.down) throw new Error('bus down');
    await super.publish(topic, event);
  }
}

let now: Date;
let store: MemoryLicenseStore;
let publisher: FlakyPublisher;
let deps: LicenseDeps;
let seq = 0;
/** Configurations known to Config, by id: their selected KPI ids. */
let configurations: Map<string, string[]>;

beforeEach(() => {
  now = NOW;
  store = new MemoryLicenseStore();
  publisher = new FlakyPublisher();
  configurations = new Map();
  deps = {
    store,
    configurations: { selection: async (_scope, id) => configurations.get(id) },
    signer: new LicenseSigner(ring),
    verifier: new OfflineLicenseVerifier(publicJwks(ring, NOW)),
    publisher,
    topic: 'license-events',
    clock: () => now,
    newId: () => `id${++seq}`,
    log: createLogger({}, () => {}),
  };
});

const types = () => publisher.published.map((p) => p.event.type);
const credentialOf = (token: string) => {
  const [credentialId, secret] = token.split('.') as [string, string];
  return { credentialId, secret };
};

describe('issue, read, renew, revoke', () => {
  it('issues a licence with a key any verifier with the JWKS accepts, and announces it', async () => {
    const { license, key } = await issueLicense(deps, ada, request());
    expect(license).toMatchObject({ tenantId: 'contoso', status: 'active', pendingEvents: [] });
    const verdict = deps.verifier.verify(key, { now });
    expect(verdict).toMatchObject({
      kind: 'full',
      daysLeft: 365,
      claims: { sub: license.id, jti: license.keyId },
    });
    expect(publisher.published).toEqual([
      expect.objectContaining({
        topic: 'license-events',
        event: expect.objectContaining({ type: 'license.issued', subject: license.id }),
      }),
    ]);
    expect((await licenseHistory(deps, olivia, license.id)).map((h) => h.action)).toEqual(['issued']);
  });

  it("entitles the configuration's selection, or the part of it the request names", async () => {
    configurations.set('plant', ['oee', 'scrap-rate', 'revenue-growth']);
    const { kpiIds: _named, ...unnamed } = request({ configurationId: 'plant' });
    const all = await issueLicense(deps, ada, unnamed);
    expect(all.license.kpiIds).toEqual(['oee', 'scrap-rate', 'revenue-growth']);
    expect(deps.verifier.verify(all.key, { now })).toMatchObject({
      claims: { kpiIds: ['oee', 'scrap-rate', 'revenue-growth'] },
    });
    const part = await issueLicense(deps, ada, request({ configurationId: 'plant', kpiIds: ['oee'] }));
    expect(part.license.kpiIds).toEqual(['oee']);
  });

  it('refuses KPIs the configuration does not select, an empty selection, and an unknown configuration without KPIs', async () => {
    configurations.set('plant', ['oee']);
    configurations.set('empty', []);
    const before = publisher.published.length;
    await expect(
      issueLicense(deps, ada, request({ configurationId: 'plant', kpiIds: ['oee', 'gross-margin'] })),
    ).rejects.toMatchObject({
      code: 'LICENSE.KPI_NOT_IN_CONFIGURATION',
      httpStatus: 422,
      details: [{ path: 'kpiIds', message: 'gross-margin is not selected' }],
    });
    const { kpiIds: _x, ...emptyRequest } = request({ configurationId: 'empty' });
    await expect(issueLicense(deps, ada, emptyRequest)).rejects.toMatchObject({
      code: 'LICENSE.CONFIGURATION_EMPTY',
    });
    const { kpiIds: _y, ...unknownRequest } = request({ configurationId: 'nowhere' });
    await expect(issueLicense(deps, ada, unknownRequest)).rejects.toMatchObject({
      code: 'LICENSE.CONFIGURATION_NOT_FOUND',
      httpStatus: 422,
    });
    // Nothing stored, nothing announced.
    expect(publisher.published.length).toBe(before);
    expect((await listLicenses(deps, ada, undefined, {})).items).toEqual([]);
  });

  it('refuses an impossible term', async () => {
    await expect(issueLicense(deps, ada, request({}, -1))).rejects.toMatchObject({
      code: 'LICENSE.TERM_INVALID',
    });
    await expect(issueLicense(deps, ada, request({}, 3000))).rejects.toMatchObject({
      code: 'LICENSE.TERM_INVALID',
      httpStatus: 422,
    });
  });

  it('never issues a key that verifiers would refuse as oversized', async () => {
    const kpiIds = Array.from({ length: 2000 }, (_, i) => `kpi-${i}-${'x'.repeat(90)}`);
    await expect(issueLicense(deps, ada, request({ kpiIds }))).rejects.toMatchObject({
      code: 'LICENSE.KEY_TOO_LARGE',
      httpStatus: 422,
    });
    expect(store.licenses.size).toBe(0);
    expect(publisher.published).toEqual([]);
  });

  it('tenant users see only their tenant, staff see all', async () => {
    const a = await issueLicense(deps, ada, request());
    const b = await issueLicense(deps, ada, request({ tenantId: 'fabrikam' }));
    expect((await listLicenses(deps, olivia, undefined, {})).items.map((l) => l.id)).toEqual([a.license.id]);
    expect((await listLicenses(deps, ada, undefined, {})).items).toHaveLength(2);
    expect((await listLicenses(deps, ada, 'fabrikam', {})).items.map((l) => l.id)).toEqual([b.license.id]);
    await expect(findLicense(deps, alex, a.license.id)).rejects.toMatchObject({ code: 'LICENSE.NOT_FOUND' });
    await expect(listLicenses(deps, alex, 'contoso', {})).rejects.toMatchObject({
      code: 'AUTH.TENANT_FORBIDDEN',
    });
  });

  it('renewal signs a new key and supersedes the old one', async () => {
    const { license, key: oldKey } = await issueLicense(deps, ada, request());
    const act = await activateDeployment(deps, oldKey, 'dep-1');
    const renewed = await renewLicense(deps, ada, license.id, { expiresAt: days(700).toISOString() });
    expect(renewed.key).not.toBe(oldKey);
    expect(renewed.license).toMatchObject({ expiresAt: days(700).toISOString(), milestonesSent: [] });
    const credential = credentialOf(act.credential);
    await expect(
      validateDeployment(deps, { key: oldKey, deploymentId: 'dep-1', credential }),
    ).rejects.toMatchObject({
      code: 'LICENSE.KEY_SUPERSEDED',
    });
    expect(
      await validateDeployment(deps, { key: renewed.key, deploymentId: 'dep-1', credential }),
    ).toMatchObject({
      status: 'active',
      daysLeft: 700,
    });
    expect(types()).toEqual(['license.issued', 'license.renewed']);
  });

  it('revocation is final and refuses validation', async () => {
    const { license, key } = await issueLicense(deps, ada, request());
    const act = await activateDeployment(deps, key, 'dep-1');
    await revokeLicense(deps, ada, license.id, 'contract ended');
    const credential = credentialOf(act.credential);
    await expect(validateDeployment(deps, { key, deploymentId: 'dep-1', credential })).rejects.toMatchObject({
      code: 'LICENSE.REVOKED',
      httpStatus: 403,
    });
    await expect(revokeLicense(deps, ada, license.id, 'again')).rejects.toMatchObject({
      code: 'LICENSE.REVOKED',
    });
    await expect(
      renewLicense(deps, ada, license.id, { expiresAt: days(500).toISOString() }),
    ).rejects.toMatchObject({
      code: 'LICENSE.REVOKED',
    });
    expect(types()).toEqual(['license.issued', 'license.revoked']);
  });
});

describe('activation, deactivation, validation', () => {
  it('gives a credential once per slot, stores only its hash, and validates', async () => {
    const { key, license } = await issueLicense(deps, ada, request());
    const act = await activateDeployment(deps, key, 'dep-1');
    const credential = credentialOf(act.credential);
    const stored = store.credentials.get(credential.credentialId);
    expect(stored?.secretHash).toMatch(/^sha256:/);
    expect(JSON.stringify([...store.credentials.values(), ...store.licenses.values()])).not.toContain(
      credential.secret,
    );
    const v = await validateDeployment(deps, { key, deploymentId: 'dep-1', credential });
    expect(v).toMatchObject({
      licenseId: license.id,
      mode: 'full',
      kpiIds: ['revenue-growth', 'gross-margin'],
    });
    expect(Date.parse(v.checkAgainAt) - now.getTime()).toBe(DAY_MS);
    await expect(activateDeployment(deps, key, 'dep-1')).rejects.toMatchObject({
      code: 'LICENSE.ALREADY_ACTIVATED',
    });
    await activateDeployment(deps, key, 'dep-2');
    await expect(activateDeployment(deps, key, 'dep-3')).rejects.toMatchObject({
      code: 'LICENSE.DEPLOYMENT_LIMIT',
      httpStatus: 409,
    });
  });

  it('deactivation frees the slot; the old credential never works again', async () => {
    const { key, license } = await issueLicense(deps, ada, request({ maxDeployments: 1 }));
    const first = credentialOf((await activateDeployment(deps, key, 'dep-1')).credential);
    await expect(deactivateDeployment(deps, alex, license.id, 'dep-1')).rejects.toMatchObject({
      code: 'LICENSE.NOT_FOUND',
    });
    await deactivateDeployment(deps, olivia, license.id, 'dep-1');
    await expect(
      validateDeployment(deps, { key, deploymentId: 'dep-1', credential: first }),
    ).rejects.toMatchObject({
      code: 'LICENSE.DEPLOYMENT_DEACTIVATED',
    });
    const second = credentialOf((await activateDeployment(deps, key, 'dep-1')).credential);
    await expect(
      validateDeployment(deps, { key, deploymentId: 'dep-1', credential: first }),
    ).rejects.toMatchObject({
      code: 'LICENSE.DEPLOYMENT_DEACTIVATED',
    });
    expect(await validateDeployment(deps, { key, deploymentId: 'dep-1', credential: second })).toMatchObject({
      mode: 'full',
    });
    expect((await licenseHistory(deps, ada, license.id)).map((h) => h.action)).toEqual([
      'issued',
      'activated',
      'deactivated',
      'activated',
    ]);
  });

  it('a deactivation that fails half-way leaves a dead credential, and can be retried', async () => {
    const { key, license } = await issueLicense(deps, ada, request({ maxDeployments: 1 }));
    const credential = credentialOf((await activateDeployment(deps, key, 'dep-1')).credential);
    const replace = store.replace.bind(store);
    store.replace = async () => {
      throw new Error('Cosmos went away');
    };
    await expect(deactivateDeployment(deps, olivia, license.id, 'dep-1')).rejects.toThrow(/went away/);
    store.replace = replace;
    expect(store.credentials.get(credential.credentialId)?.revokedAt).toBeDefined();
    await expect(validateDeployment(deps, { key, deploymentId: 'dep-1', credential })).rejects.toMatchObject({
      code: 'LICENSE.DEPLOYMENT_DEACTIVATED',
    });
    await deactivateDeployment(deps, olivia, license.id, 'dep-1');
    expect((await findLicense(deps, olivia, license.id)).found.item.activeDeployments).toEqual([]);
  });

  it('refuses a wrong secret, another deployment, a missing credential', async () => {
    const { key } = await issueLicense(deps, ada, request());
    const c1 = credentialOf((await activateDeployment(deps, key, 'dep-1')).credential);
    await activateDeployment(deps, key, 'dep-2');
    const wrong = { ...c1, secret: 'x'.repeat(43) };
    await expect(
      validateDeployment(deps, { key, deploymentId: 'dep-1', credential: wrong }),
    ).rejects.toMatchObject({
      code: 'LICENSE.CREDENTIAL_INVALID',
      httpStatus: 401,
    });
    await expect(
      validateDeployment(deps, { key, deploymentId: 'dep-2', credential: c1 }),
    ).rejects.toMatchObject({
      code: 'LICENSE.DEPLOYMENT_MISMATCH',
    });
    await expect(
      validateDeployment(deps, { key, deploymentId: 'dep-1', credential: undefined }),
    ).rejects.toMatchObject({
      code: 'LICENSE.CREDENTIAL_INVALID',
    });
  });

  it('a key of another licence with a valid credential is a mismatch', async () => {
    const a = await issueLicense(deps, ada, request());
    const b = await issueLicense(deps, ada, request());
    const c = credentialOf((await activateDeployment(deps, a.key, 'dep-1')).credential);
    await expect(
      validateDeployment(deps, { key: b.key, deploymentId: 'dep-1', credential: c }),
    ).rejects.toMatchObject({
      code: 'LICENSE.DEPLOYMENT_MISMATCH',
    });
  });

  it('refuses forged and broken keys with their reason, storing nothing', async () => {
    const { key } = await issueLicense(deps, ada, request());
    const before = JSON.stringify([...store.licenses.values(), ...store.credentials.values()]);
    const [h, p, s] = key.split('.') as [string, string, string];
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), maxDeployments: 99 })).toString('base64url')}.${s}`;
    await expect(activateDeployment(deps, forged, 'dep-9')).rejects.toMatchObject({
      code: 'LICENSE.SIGNATURE_INVALID',
    });
    await expect(activateDeployment(deps, 'nonsense', 'dep-9')).rejects.toMatchObject({
      code: 'LICENSE.KEY_MALFORMED',
    });
    await expect(activateDeployment(deps, `${key}${'A'.repeat(100_000)}`, 'dep-9')).rejects.toMatchObject({
      code: 'LICENSE.KEY_OVERSIZED',
    });
    expect(JSON.stringify([...store.licenses.values(), ...store.credentials.values()])).toBe(before);
  });

  it('in grace the mode is grace; after grace the licence is refused', async () => {
    const { key } = await issueLicense(deps, ada, request({}, 10));
    const credential = credentialOf((await activateDeployment(deps, key, 'dep-1')).credential);
    now = days(15);
    expect(await validateDeployment(deps, { key, deploymentId: 'dep-1', credential })).toMatchObject({
      status: 'expired',
      mode: 'grace',
    });
    now = days(41);
    await expect(validateDeployment(deps, { key, deploymentId: 'dep-1', credential })).rejects.toMatchObject({
      code: 'LICENSE.EXPIRED',
    });
  });
});

describe('expiry sweep', () => {
  const expiring = () => publisher.published.filter((p) => p.event.type === 'license.expiring');

  it('announces each milestone, expiry and suspension once, however often it runs', async () => {
    const { license } = await issueLicense(deps, ada, request({}, 100));
    for (const [day, expected] of [
      [5, []],
      [10, ['license.expiring']],
      [11, []],
      [40, ['license.expiring']],
      [70, ['license.expiring']],
      [93, ['license.expiring']],
      [100, ['license.expired']],
      [101, []],
      [130, ['license.suspended']],
      [200, []],
    ] as const) {
      now = days(day);
      const before = publisher.published.length;
      await sweepLicenses(deps);
      await sweepLicenses(deps);
      expect(
        publisher.published.slice(before).map((p) => p.event.type),
        `day ${day}`,
      ).toEqual(expected);
    }
    expect(expiring().map((p) => (p.event.data as { milestone: number }).milestone)).toEqual([90, 60, 30, 7]);
    const stored = (await findLicense(deps, ada, license.id)).found.item;
    expect(stored).toMatchObject({ status: 'suspended', milestonesSent: [90, 60, 30, 7] });
    expect(stored.nextCheckAt).toBeUndefined();
  });

  it('a licence issued late announces the latest milestone at the next sweep', async () => {
    await issueLicense(deps, ada, request({}, 45));
    await sweepLicenses(deps);
    expect(expiring().map((p) => (p.event.data as { milestone: number }).milestone)).toEqual([60]);
  });

  it('reads only licences with something due', async () => {
    for (let i = 0; i < 20; i++) await issueLicense(deps, ada, request({}, 365));
    await issueLicense(deps, ada, request({}, 95));
    now = days(6);
    store.dueReads = 0;
    const report = await sweepLicenses(deps);
    expect(report).toMatchObject({ examined: 1, changed: 1, events: 1 });
    expect(store.dueReads).toBe(1);
  });

  it('overlapping sweeps claim each change once', async () => {
    await issueLicense(deps, ada, request({}, 95));
    now = days(6);
    const reports = await Promise.all([sweepLicenses(deps), sweepLicenses(deps), sweepLicenses(deps)]);
    expect(reports.reduce((n, r) => n + r.changed, 0)).toBe(1);
    expect(new Set(expiring().map((p) => p.event.messageId)).size).toBe(1);
  });

  it('events that could not be published are published by the next sweep, with the same id', async () => {
    publisher.down = true;
    const { license } = await issueLicense(deps, ada, request());
    expect((await findLicense(deps, ada, license.id)).found.item.pendingEvents).toHaveLength(1);
    publisher.down = false;
    await sweepLicenses(deps);
    expect(publisher.published.map((p) => p.event.messageId)).toEqual([
      `license.issued:${license.id}:${license.expiresAt}`,
    ]);
    expect((await findLicense(deps, ada, license.id)).found.item.pendingEvents).toEqual([]);
  });
});

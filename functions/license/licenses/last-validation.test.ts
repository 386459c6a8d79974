/** Recording each deployment's last validation: throttled, with the etag, never retried, never failing. */
import type { IssueLicenseRequest } from '@kpi/shared/contracts/license';
import { DAY_MS } from '@kpi/shared/domain/license/license';
import { NOW } from '@kpi/shared/domain/license/license-mother';
import { newKeyRing, publicJwks } from '@kpi/shared/license/key-ring';
import { LicenseSigner } from '@kpi/shared/license/license-signer';
import { OfflineLicenseVerifier } from '@kpi/shared/license/offline-verifier';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import type { Scope } from '@kpi/shared/platform/cosmos/tenant-repository';
import { createLogger } from '@kpi/shared/platform/log';
import { MemoryEventPublisher } from '@kpi/shared/platform/servicebus/memory-ports';
import { beforeEach, describe, expect, it } from 'vitest';
import { activateDeployment, VALIDATION_RECORD_INTERVAL_MS, validateDeployment } from './deployments';
import { sweepLicenses } from './expiry-sweep';
import { type LicenseDeps, toView } from './license-core';
import type { LicenseDocument } from './license-documents';
import { issueLicense } from './manage-licenses';
import { MemoryLicenseStore } from './memory-license-store';

const ada: Caller = {
  kind: 'user',
  subject: 'ada',
  email: 'ada@vendor.example',
  name: 'Ada',
  roles: ['platform-admin'],
  isPlatformStaff: true,
};
const ring = newKeyRing(NOW);
const request: IssueLicenseRequest = {
  tenantId: 'contoso',
  configurationId: 'cfg-1',
  kpiIds: ['revenue-growth'],
  edition: 'professional',
  features: [],
  maxDeployments: 2,
  expiresAt: new Date(NOW.getTime() + 365 * DAY_MS).toISOString(),
  graceDays: 30,
  contacts: ['olivia@contoso.example'],
};

/** Counts replaces; `beforeReplace` lets a test change the document between the read and the write. */
class CountingStore extends MemoryLicenseStore {
  replaces = 0;
  failWith: Error | undefined;
  beforeReplace: (() => Promise<void>) | undefined;
  override async replace(scope: Scope, doc: LicenseDocument, ifMatch: string) {
    const hook = this.beforeReplace;
    this.beforeReplace = undefined;
    if (hook) await hook();
    this.replaces += 1;
    if (this.failWith) throw this.failWith;
    return super.replace(scope, doc, ifMatch);
  }
}

let now: Date;
let store: CountingStore;
let deps: LicenseDeps;
let warnings: string[];
let seq = 0;

beforeEach(() => {
  now = NOW;
  store = new CountingStore();
  warnings = [];
  deps = {
    store,
    configurations: { selection: async () => undefined },
    signer: new LicenseSigner(ring),
    verifier: new OfflineLicenseVerifier(publicJwks(ring, NOW)),
    publisher: new MemoryEventPublisher(),
    topic: 'license-events',
    clock: () => now,
    newId: () => `id${++seq}`,
    log: createLogger({}, (_level, line) => warnings.push(String(line))),
  };
});

const credentialOf = (token: string) => {
  const [credentialId, secret] = token.split('.') as [string, string];
  return { credentialId, secret };
};
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

async function activated(deploymentIds: string[], expiresInDays = 365) {
  const expiresAt = new Date(NOW.getTime() + expiresInDays * DAY_MS).toISOString();
  const { key, license } = await issueLicense(deps, ada, { ...request, expiresAt });
  const credentials = new Map<string, { credentialId: string; secret: string }>();
  for (const id of deploymentIds) {
    credentials.set(id, credentialOf((await activateDeployment(deps, key, id)).credential));
  }
  const validate = (deploymentId: string) =>
    validateDeployment(deps, { key, deploymentId, credential: credentials.get(deploymentId) });
  const stored = () => [...store.licenses.values()].find((r) => r.item.id === license.id)!.item;
  return { validate, stored };
}

describe('last validation per deployment', () => {
  it('is recorded on the first validation, then at most once per interval', async () => {
    expect(VALIDATION_RECORD_INTERVAL_MS).toBe(15 * 60_000);
    const { validate, stored } = await activated(['dep-1', 'dep-2']);
    expect(toView(stored(), now).lastValidatedAt).toBeUndefined();
    const writesBefore = store.replaces;

    await validate('dep-1');
    expect(store.replaces - writesBefore).toBe(1);
    const slot = () => stored().activeDeployments.find((d) => d.deploymentId === 'dep-1');
    expect(slot()?.lastValidatedAt).toBe(NOW.toISOString());
    expect(
      stored().activeDeployments.find((d) => d.deploymentId === 'dep-2')?.lastValidatedAt,
    ).toBeUndefined();

    // Within the interval: answered, nothing written.
    now = minutes(14);
    await validate('dep-1');
    now = minutes(14.99);
    await validate('dep-1');
    expect(store.replaces - writesBefore).toBe(1);
    expect(slot()?.lastValidatedAt).toBe(NOW.toISOString());

    // At the interval: recorded again.
    now = minutes(15);
    await validate('dep-1');
    expect(store.replaces - writesBefore).toBe(2);
    expect(slot()?.lastValidatedAt).toBe(minutes(15).toISOString());

    // The licence view carries each slot's time and the newest as the licence's.
    now = minutes(20);
    await validate('dep-2');
    const view = toView(stored(), now);
    expect(view.activeDeployments.map((d) => [d.deploymentId, d.lastValidatedAt])).toEqual([
      ['dep-1', minutes(15).toISOString()],
      ['dep-2', minutes(20).toISOString()],
    ]);
    expect(view.lastValidatedAt).toBe(minutes(20).toISOString());
  });

  it('a lost race skips the write, once, and keeps the other writer’s change', async () => {
    const { validate, stored } = await activated(['dep-1', 'dep-2']);
    // dep-2 records its validation between dep-1's read and dep-1's write.
    store.beforeReplace = () => validate('dep-2').then(() => undefined);
    const writesBefore = store.replaces;
    const answer = await validate('dep-1');
    expect(answer.status).toBe('active');
    // dep-2's write and dep-1's refused attempt; no retry.
    expect(store.replaces - writesBefore).toBe(2);
    const slots = stored().activeDeployments;
    expect(slots.find((d) => d.deploymentId === 'dep-2')?.lastValidatedAt).toBe(NOW.toISOString());
    expect(slots.find((d) => d.deploymentId === 'dep-1')?.lastValidatedAt).toBeUndefined();
    expect(warnings).toEqual([]);
    // The next validation records it.
    now = minutes(1);
    await validate('dep-1');
    expect(stored().activeDeployments.find((d) => d.deploymentId === 'dep-1')?.lastValidatedAt).toBe(
      minutes(1).toISOString(),
    );
  });

  it('a failing write never fails the validation, and is logged', async () => {
    const { validate, stored } = await activated(['dep-1']);
    store.failWith = new Error('cosmos unavailable');
    await expect(validate('dep-1')).resolves.toMatchObject({ status: 'active' });
    expect(stored().activeDeployments[0]?.lastValidatedAt).toBeUndefined();
    expect(warnings.join('\n')).toContain('validation not recorded');
  });

  it('a refused validation records nothing', async () => {
    const { validate, stored } = await activated(['dep-1']);
    const writesBefore = store.replaces;
    await expect(
      validateDeployment(deps, {
        key: stored().key,
        deploymentId: 'dep-1',
        credential: { credentialId: 'nope', secret: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'LICENSE.CREDENTIAL_INVALID' });
    expect(store.replaces).toBe(writesBefore);
    await validate('dep-1');
    expect(store.replaces).toBe(writesBefore + 1);
  });

  it('a validation recorded during the expiry sweep does not cost the sweep its change', async () => {
    const { validate, stored } = await activated(['dep-1'], 95);
    now = new Date(NOW.getTime() + 6 * DAY_MS); // the 90-day milestone is due
    const publisher = deps.publisher as MemoryEventPublisher;
    const before = publisher.published.length;
    // dep-1 records a validation between the sweep's read and its write: the sweep re-reads once.
    store.beforeReplace = () => validate('dep-1').then(() => undefined);
    const report = await sweepLicenses(deps);
    expect(report).toMatchObject({ changed: 1, skipped: 0 });
    expect(publisher.published.slice(before).map((p) => p.event.type)).toEqual(['license.expiring']);
    expect(stored().milestonesSent).toEqual([90]);
    expect(stored().activeDeployments[0]?.lastValidatedAt).toBe(now.toISOString());
    // A second sweep finds nothing owed.
    expect(await sweepLicenses(deps)).toMatchObject({ changed: 0 });
    expect(publisher.published.slice(before)).toHaveLength(1);
  });
});

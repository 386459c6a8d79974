import type { Alert } from '@kpi/shared/contracts/monitoring-alert';
import type { LicenseNotice } from '@kpi/shared/contracts/monitoring-notification';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { beforeEach, describe, expect, it } from 'vitest';
import { invalidateTenantRules, VENDOR_TENANT } from '../rules/tenant-rules';
import { memoryDependencies } from '../support/memory-stores';
import { sendLicenseNotice } from './send-license-notice';

const now = new Date('2026-11-26T10:00:00.000Z');
const contoso = systemScope('contoso', 'test');
const notice = (over: Partial<LicenseNotice> = {}): LicenseNotice => ({
  key: 'license-lic-1:2027-01-31:expiring:30',
  tenantId: 'contoso',
  kind: 'license',
  licenseId: 'lic-1',
  event: 'license.expiring',
  milestone: 30,
  expiresAt: '2026-12-26T10:00:00.000Z',
  graceDays: 30,
  contacts: ['it@contoso.example', 'cfo@contoso.example'],
  alertId: 'license:lic-1~license-expiring~0',
  ...over,
});
const alert: Alert = {
  id: 'license:lic-1~license-expiring~0',
  tenantId: 'contoso',
  deploymentId: 'license:lic-1',
  rule: 'license-expiring',
  severity: 'warning',
  state: 'acknowledged',
  summary: 'Licence lic-1 expires in 30 days',
  openedAt: now.toISOString(),
  reminders: 0,
  flapping: false,
  updatedAt: now.toISOString(),
};

let m: ReturnType<typeof memoryDependencies>;
const deps = () => ({ ...m.deps, links: { monitorUrl: 'http://monitor.example' } });

beforeEach(async () => {
  invalidateTenantRules('contoso');
  invalidateTenantRules(VENDOR_TENANT);
  m = memoryDependencies();
  await m.stores.settings.create(systemScope(VENDOR_TENANT, 'test'), {
    id: 'settings',
    thresholds: {},
    contacts: { emails: ['support@vendor.example'], severities: ['critical'] },
    disabledRules: [],
    accountManagers: { default: 'am@vendor.example', byTenant: { contoso: 'maria@vendor.example' } },
    updatedAt: now.toISOString(),
    updatedBy: 'x',
  });
  await m.stores.alerts.create(contoso, alert);
});

describe('sendLicenseNotice', () => {
  it("e-mails the licence contacts and the tenant's account manager once, with the renewal link", async () => {
    const first = await sendLicenseNotice(deps(), notice(), now);
    expect(first.sent).toEqual(['it@contoso.example', 'cfo@contoso.example', 'maria@vendor.example']);
    // Acknowledged in the inbox does not stop the milestone e-mail; support is not e-mailed about licences.
    const mails = m.stores.mailer.sent;
    expect(mails.map((x) => x.to[0])).not.toContain('support@vendor.example');
    expect(mails[0]?.text).toContain('http://monitor.example/licenses?license=lic-1');
    expect(mails[0]?.subject).toContain('expires in 30 days');
    // Delivered again: nothing new.
    const again = await sendLicenseNotice(deps(), notice(), now);
    expect(again.sent).toEqual([]);
    expect(m.stores.mailer.sent).toHaveLength(3);
    const records = [...m.stores.notifications.items.values()].map((e) => e.item);
    expect(records.map((r) => `${r.kind}:${r.status}:${r.licenseId}`)).toEqual([
      'license:sent:lic-1',
      'license:sent:lic-1',
      'license:sent:lic-1',
    ]);
    // The outbox keeps each e-mail's HTML as sent, for its HTML view.
    expect(mails[0]?.html).toContain('lic-1');
    for (const r of records) expect(r.html).toBe(mails[0]?.html);
  });

  it('falls back to the default account manager', async () => {
    const out = await sendLicenseNotice(deps(), notice({ tenantId: 'fabrikam', alertId: undefined }), now);
    expect(out.sent).toContain('am@vendor.example');
  });

  it('a silence on the licence alert holds the e-mail back and records why', async () => {
    await m.stores.silences.create(contoso, {
      id: 's1',
      matchers: [{ label: 'rule', op: '=', value: 'license-expiring' }],
      schedule: { startsAt: '2026-11-26T00:00:00.000Z', endsAt: '2026-11-27T00:00:00.000Z' },
      comment: 'renewal agreed by phone',
      createdBy: 'olivia@contoso.example',
      createdAt: now.toISOString(),
    });
    const out = await sendLicenseNotice(deps(), notice(), now);
    expect(out.sent).toEqual([]);
    expect(out.skipped).toEqual({ '*': 'silenced' });
    expect(m.stores.mailer.sent).toEqual([]);
  });
});

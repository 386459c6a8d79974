import { describe, expect, it } from 'vitest';
import type { LicenseNotice } from '../../contracts/monitoring-notification';
import { renderLicenseNotification, renewalLink } from './render-license-notification';

const notice = (over: Partial<LicenseNotice> = {}): LicenseNotice => ({
  key: 'k',
  tenantId: 'contoso',
  kind: 'license',
  licenseId: 'lic_1',
  event: 'license.expiring',
  milestone: 30,
  expiresAt: '2027-01-31T00:00:00.000Z',
  graceDays: 14,
  contacts: ['it@contoso.example'],
  ...over,
});
const now = new Date('2027-01-01T00:00:00.000Z');
const link = renewalLink('https://monitor.example/', 'lic_1');

describe('licence e-mails', () => {
  it('builds the renewal link on the Monitor licence page', () => {
    expect(link).toBe('https://monitor.example/licenses?license=lic_1');
    expect(renewalLink(undefined, 'lic_1')).toBeUndefined();
  });

  it('says the milestone, the expiry, the grace period, the renewal link and the account manager', () => {
    const mail = renderLicenseNotification({
      notice: notice(),
      renewalUrl: link,
      accountManager: 'maria@vendor.example',
      now,
    });
    expect(mail.subject).toBe('[KPI Platform] Your KPI Platform licence expires in 30 days (2027-01-31)');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('2027-01-31');
      expect(part).toContain('2027-02-14'); // end of the 14-day grace
      expect(part).toContain('https://monitor.example/licenses?license=lic_1');
      expect(part).toContain('maria@vendor.example');
    }
    expect(mail.html).toContain('<a href="https://monitor.example/licenses?license=lic_1"');
  });

  it('offers no renewal link for a renewal and escapes HTML', () => {
    const mail = renderLicenseNotification({
      notice: notice({ event: 'license.renewed', licenseId: '<x>' }),
      renewalUrl: link,
      now,
    });
    expect(mail.text).not.toContain('Renew the licence');
    expect(mail.html).toContain('&lt;x&gt;');
    expect(mail.html).not.toContain('<x>');
  });

  it('words each status change', () => {
    const subjects = (['license.expired', 'license.suspended', 'license.revoked'] as const).map(
      (event) => renderLicenseNotification({ notice: notice({ event }), now }).subject,
    );
    expect(subjects).toEqual([
      '[KPI Platform] Your KPI Platform licence has expired — grace period until 2027-02-14',
      '[KPI Platform] Your KPI Platform licence is suspended',
      '[KPI Platform] Your KPI Platform licence was revoked',
    ]);
  });
});

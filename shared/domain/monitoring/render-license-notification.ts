/**
 * The licence e-mails (renewal reminders and status changes) for the licence's contacts and the vendor's
 * account manager: HTML and plain text with the same content, a renewal link and whom to contact.
 */
import type { LicenseNotice } from '../../contracts/monitoring-notification';
import type { RenderedMail } from './render-notification';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const day = 86_400_000;
const isoDate = (iso: string) => iso.slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface LicenseMailInput {
  notice: LicenseNotice;
  /** Where the licence can be renewed (the Monitor UI's licence page); absent: no link. */
  renewalUrl?: string;
  /** The vendor's account manager for this tenant, named as the person to contact. */
  accountManager?: string;
  now: Date;
}

/** Subject, HTML and text of one licence e-mail. */
export function renderLicenseNotification(input: LicenseMailInput): RenderedMail {
  const { notice, renewalUrl, accountManager, now } = input;
  const expires = isoDate(notice.expiresAt);
  const graceEnds = isoDate(new Date(Date.parse(notice.expiresAt) + notice.graceDays * day).toISOString());
  const daysLeft = Math.max(0, Math.ceil((Date.parse(notice.expiresAt) - now.getTime()) / day));
  const who = `licence ${notice.licenseId} (tenant ${notice.tenantId})`;
  const copy = ((): { subject: string; title: string; body: string[]; renew: boolean } => {
    switch (notice.event) {
      case 'license.expiring': {
        const left = notice.milestone ?? daysLeft;
        return {
          subject: `Your KPI Platform licence expires in ${plural(left, 'day')} (${expires})`,
          title: `Your licence expires in ${plural(left, 'day')}`,
          body: [
            `The ${who} expires on ${expires}.`,
            `After that the dashboards keep working for a grace period of ${plural(notice.graceDays, 'day')}, until ${graceEnds}; then the licence is suspended.`,
            'Renew now to avoid any interruption.',
          ],
          renew: true,
        };
      }
      case 'license.expired':
        return {
          subject: `Your KPI Platform licence has expired — grace period until ${graceEnds}`,
          title: 'Your licence has expired',
          body: [
            `The ${who} expired on ${expires}.`,
            `It stays usable during the grace period, until ${graceEnds}; after that it is suspended and the dashboards stop showing data.`,
          ],
          renew: true,
        };
      case 'license.suspended':
        return {
          subject: 'Your KPI Platform licence is suspended',
          title: 'Your licence is suspended',
          body: [
            `The ${who} expired on ${expires} and its grace period ended on ${graceEnds}.`,
            'The dashboards no longer show data. Renew the licence to restore them.',
          ],
          renew: true,
        };
      case 'license.renewed':
        return {
          subject: `Your KPI Platform licence was renewed until ${expires}`,
          title: 'Your licence was renewed',
          body: [
            `The ${who} is now valid until ${expires}.`,
            'Your deployments pick up the new key on their next licence check; nothing else is needed.',
          ],
          renew: false,
        };
      case 'license.revoked':
        return {
          subject: 'Your KPI Platform licence was revoked',
          title: 'Your licence was revoked',
          body: [`The ${who} was revoked. Please contact your account manager.`],
          renew: false,
        };
    }
  })();
  const contact = accountManager ? `Your account manager: ${accountManager}` : undefined;
  const renewLine = copy.renew && renewalUrl ? `Renew the licence: ${renewalUrl}` : undefined;
  const text = [
    copy.title,
    '',
    ...copy.body,
    '',
    ...(renewLine ? [renewLine] : []),
    ...(contact ? [contact] : []),
  ]
    .join('\n')
    .trimEnd();
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    `<h2>${escapeHtml(copy.title)}</h2>`,
    ...copy.body.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(copy.renew && renewalUrl
      ? [
          `<p><a href="${escapeHtml(renewalUrl)}" style="display:inline-block;padding:8px 16px;background:#2457d6;color:#fff;border-radius:4px;text-decoration:none">Renew the licence</a></p>`,
        ]
      : []),
    ...(accountManager
      ? [
          `<p>Your account manager: <a href="mailto:${escapeHtml(accountManager)}">${escapeHtml(accountManager)}</a></p>`,
        ]
      : []),
    '</body></html>',
  ].join('\n');
  return { subject: `[KPI Platform] ${copy.subject}`, html, text };
}

/** The renewal link for a licence: the Monitor UI's licence page with that licence selected. */
export function renewalLink(monitorUrl: string | undefined, licenseId: string): string | undefined {
  return monitorUrl
    ? `${monitorUrl.replace(/\/+$/, '')}/licenses?license=${encodeURIComponent(licenseId)}`
    : undefined;
}

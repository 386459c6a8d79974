/**
 * Licence e-mails (renewal reminders at 90/60/30/7 days, expired, suspended, renewed, revoked) to the
 * licence's contacts and the vendor's account manager for the tenant. One per licence event: the record id
 * and the ACS operation id derive from the licence service's idempotency key and the recipient, so a sweep
 * that ran twice, two overlapping sweeps (the licence service claims each change once) and a redelivered
 * message all end in the same single e-mail.
 */
import { createHash } from 'node:crypto';
import { type LicenseNotice, recordHtml } from '@kpi/shared/contracts/monitoring-notification';
import {
  renderLicenseNotification,
  renewalLink,
} from '@kpi/shared/domain/monitoring/render-license-notification';
import { activeSilence } from '@kpi/shared/domain/monitoring/silences';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { Logger } from '@kpi/shared/platform/log';
import type { Dependencies } from '../dependencies';
import { accountManagerFor, tenantRules } from '../rules/tenant-rules';
import { recordNotification, type SendOutcome } from './send-notifications';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

export async function sendLicenseNotice(
  deps: Pick<Dependencies, 'alerts' | 'notifications' | 'mailer' | 'settings' | 'silences' | 'windows'> & {
    links?: { monitorUrl?: string };
  },
  notice: LicenseNotice,
  now: Date,
  log?: Logger,
): Promise<SendOutcome> {
  const scope = systemScope(notice.tenantId, 'licence mailer');
  const outcome: SendOutcome = { sent: [], skipped: {} };
  const base = {
    tenantId: notice.tenantId,
    groupKey: notice.key,
    kind: 'license' as const,
    licenseId: notice.licenseId,
    alertIds: notice.alertId ? [notice.alertId] : [],
    at: now.toISOString(),
  };
  const alert = notice.alertId ? await deps.alerts.get(scope, notice.alertId) : undefined;
  const rules = await tenantRules(deps, notice.tenantId, now.getTime());
  if (alert && activeSilence(rules.silences, alert, now)) {
    await recordNotification(deps, scope, {
      ...base,
      id: `${notice.key}~silenced`,
      status: 'silenced',
      subject: `Licence e-mail not sent: silenced`,
    });
    outcome.skipped['*'] = 'silenced';
    return outcome;
  }
  const accountManager = await accountManagerFor(deps, notice.tenantId, now.getTime());
  const mail = renderLicenseNotification({
    notice,
    renewalUrl: renewalLink(deps.links?.monitorUrl, notice.licenseId),
    ...(accountManager ? { accountManager } : {}),
    now,
  });
  const recipients = [...new Set([...notice.contacts, ...(accountManager ? [accountManager] : [])])];
  if (recipients.length === 0) {
    await recordNotification(deps, scope, {
      ...base,
      id: `${notice.key}~none`,
      status: 'no-recipients',
      subject: mail.subject,
    });
    outcome.skipped['*'] = 'no-recipients';
    return outcome;
  }
  // No per-recipient rate limit here: licence e-mails come at most once per milestone or status change,
  // and holding back a renewal reminder would cost more than the e-mail.
  for (const to of recipients) {
    const id = `${notice.key}~${hash(to)}`;
    if (await deps.notifications.get(scope, id)) continue; // done by an earlier delivery
    const messageId = await deps.mailer.send({ to: [to], ...mail, idempotencyKey: id });
    await recordNotification(deps, scope, {
      ...base,
      id,
      recipient: to,
      status: 'sent',
      subject: mail.subject,
      text: mail.text,
      html: recordHtml(mail.html),
      messageId,
    });
    outcome.sent.push(to);
  }
  log?.info('licence e-mail processed', { key: notice.key, sent: outcome.sent.length });
  return outcome;
}

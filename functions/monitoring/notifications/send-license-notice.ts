/**
 * Licence e-mails (renewal reminders at 90/60/30/7 days, expired, suspended, renewed, revoked) to the
 * licence's contacts and the vendor's account manager for the tenant, in the steps of `mail-steps.ts`.
 * One per licence event: the record id and the ACS operation id derive from the licence service's
 * idempotency key and the recipient, so a sweep that ran twice, two overlapping sweeps (the licence service
 * claims each change once) and a redelivered message all end in the same single e-mail.
 */
import type { LicenseNotice } from '@kpi/shared/contracts/monitoring-notification';
import {
  renderLicenseNotification,
  renewalLink,
} from '@kpi/shared/domain/monitoring/render-license-notification';
import { activeSilence } from '@kpi/shared/domain/monitoring/silences';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { Logger } from '@kpi/shared/platform/log';
import type { AppDeps } from '../dependencies';
import { accountManagerFor, tenantRules } from '../rules/tenant-rules';
import {
  deliverToEach,
  type RecordBase,
  recordHeldBack,
  recordNoRecipients,
  type SendOutcome,
} from './mail-steps';

export async function sendLicenseNotice(
  deps: Pick<AppDeps, 'alerts' | 'notifications' | 'mailer' | 'settings' | 'silences' | 'windows'> & {
    links?: { monitorUrl?: string };
  },
  notice: LicenseNotice,
  now: Date,
  log?: Logger,
): Promise<SendOutcome> {
  const scope = systemScope(notice.tenantId, 'licence mailer');
  const outcome: SendOutcome = { sent: [], skipped: {} };
  const base: RecordBase = {
    groupKey: notice.key,
    kind: 'license',
    licenseId: notice.licenseId,
    alertIds: notice.alertId ? [notice.alertId] : [],
    at: now.toISOString(),
  };
  // Hold back: a silence on the licence alert holds the e-mail back.
  const alert = notice.alertId ? await deps.alerts.get(scope, notice.alertId) : undefined;
  const rules = await tenantRules(deps, notice.tenantId, now.getTime());
  if (alert && activeSilence(rules.silences, alert, now)) {
    await recordHeldBack(deps, scope, base, {
      suffix: 'silenced',
      status: 'silenced',
      subject: 'Licence e-mail not sent: silenced',
    });
    outcome.skipped['*'] = 'silenced';
    return outcome;
  }
  // Recipients and render.
  const accountManager = await accountManagerFor(deps, notice.tenantId, now.getTime());
  const mail = renderLicenseNotification({
    notice,
    renewalUrl: renewalLink(deps.links?.monitorUrl, notice.licenseId),
    ...(accountManager ? { accountManager } : {}),
    now,
  });
  const recipients = [...new Set([...notice.contacts, ...(accountManager ? [accountManager] : [])])];
  if (recipients.length === 0) return recordNoRecipients(deps, scope, base, mail.subject, outcome);
  // No per-recipient rate limit here: licence e-mails come at most once per milestone or status change,
  // and holding back a renewal reminder would cost more than the e-mail.
  await deliverToEach(deps, scope, base, { recipients, mail }, outcome);
  log?.info('licence e-mail processed', { key: notice.key, sent: outcome.sent.length });
  return outcome;
}

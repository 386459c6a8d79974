/**
 * The alert mailer (Service Bus `monitoring-notifications/mailer`): one e-mail per notice group and
 * recipient through ACS, in the steps of `mail-steps.ts`. Held back: silenced and flapping alerts (recorded
 * with that status). Recipients: the tenant's contacts by severity, vendor support and the alerts' own.
 * Rate-limited per recipient. A redelivered message sends nothing new: record id and ACS operation id both
 * derive from the group key and the recipient.
 */
import type { Alert } from '@kpi/shared/contracts/monitoring-alert';
import type { noticeGroupSchema } from '@kpi/shared/contracts/monitoring-notification';
import {
  DEFAULT_RATE_LIMIT,
  type RateLimit,
  recipientsFor,
} from '@kpi/shared/domain/monitoring/notifications';
import { renderNotification } from '@kpi/shared/domain/monitoring/render-notification';
import { activeSilence } from '@kpi/shared/domain/monitoring/silences';
import { systemScope, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { Logger } from '@kpi/shared/platform/log';
import type { z } from 'zod';
import type { AppDeps } from '../dependencies';
import { type TenantRules, tenantRules, VENDOR_TENANT } from '../rules/tenant-rules';
import {
  deliverToEach,
  type RecordBase,
  recordHeldBack,
  recordNoRecipients,
  type SendOutcome,
  takeRateSlot,
} from './mail-steps';

export { recordNotification, type SendOutcome } from './mail-steps';

type NoticeGroup = z.infer<typeof noticeGroupSchema>;

export async function sendNotifications(
  deps: AppDeps,
  group: NoticeGroup,
  now: Date,
  log?: Logger,
  limit: RateLimit = DEFAULT_RATE_LIMIT,
): Promise<SendOutcome> {
  const scope = systemScope(group.tenantId, 'notification mailer');
  const outcome: SendOutcome = { sent: [], skipped: {} };
  const alerts = await alertsToTell(deps, scope, group);
  if (alerts.length === 0) return outcome;
  const rules = await tenantRules(deps, group.tenantId, now.getTime());
  const base: RecordBase = { groupKey: group.key, kind: group.kind, alertIds: [], at: now.toISOString() };

  const live = await holdBack(deps, scope, base, alerts, rules, now, outcome);
  if (live.length === 0) return outcome;

  const recipients = await alertRecipients(deps, live, rules, now);
  const mail = renderNotification({ kind: group.kind, tenantId: group.tenantId, alerts: live });
  const liveBase = { ...base, alertIds: live.map((a) => a.id) };
  if (recipients.length === 0) return recordNoRecipients(deps, scope, liveBase, mail.subject, outcome);
  const admitRecipient = (to: string) => takeRateSlot(deps, to, now, limit);
  await deliverToEach(deps, scope, liveBase, { recipients, mail, admitRecipient }, outcome);
  log?.info('notifications processed', { groupKey: group.key, sent: outcome.sent.length });
  return outcome;
}

/** The group's alerts; a reminder is only for alerts still open (acknowledged or resolved: nothing to remind of). */
async function alertsToTell(deps: AppDeps, scope: TenantScope, group: NoticeGroup): Promise<Alert[]> {
  const found = await Promise.all(group.alertIds.map((id) => deps.alerts.get(scope, id)));
  return found.filter(
    (a): a is Alert => a !== undefined && (group.kind !== 'reminder' || a.state === 'open'),
  );
}

/** Hold back: flapping and silenced alerts are recorded with that status; returns the alerts to mail. */
async function holdBack(
  deps: AppDeps,
  scope: TenantScope,
  base: RecordBase,
  alerts: readonly Alert[],
  rules: TenantRules,
  now: Date,
  outcome: SendOutcome,
): Promise<Alert[]> {
  const flapping = alerts.filter((a) => a.flapping);
  const silenced = alerts.filter((a) => !a.flapping && activeSilence(rules.silences, a, now));
  const held = [
    { status: 'flapping' as const, alerts: flapping },
    { status: 'silenced' as const, alerts: silenced },
  ];
  for (const h of held) {
    if (h.alerts.length === 0) continue;
    await recordHeldBack(
      deps,
      scope,
      { ...base, alertIds: h.alerts.map((a) => a.id) },
      { suffix: h.status, status: h.status, subject: `${h.alerts.length} alert(s) not sent: ${h.status}` },
    );
    for (const a of h.alerts) outcome.skipped[a.id] = h.status;
  }
  return alerts.filter((a) => !flapping.includes(a) && !silenced.includes(a));
}

/** Recipients: the tenant's contacts for these severities, vendor support, and the alerts' own `notify`. */
async function alertRecipients(
  deps: AppDeps,
  live: readonly Alert[],
  rules: TenantRules,
  now: Date,
): Promise<string[]> {
  const vendor = (await tenantRules(deps, VENDOR_TENANT, now.getTime())).settings?.contacts.emails ?? [];
  const contacts = rules.settings?.contacts ?? { emails: [], severities: ['critical', 'warning'] as const };
  const extra = live.flatMap((a) => a.notify ?? []);
  return recipientsFor(
    live.map((a) => a.severity),
    { emails: contacts.emails, severities: [...contacts.severities] },
    [...vendor, ...extra],
  );
}

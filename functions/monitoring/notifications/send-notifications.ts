/**
 * The mailer (Service Bus `monitoring-notifications/mailer`): renders one e-mail per notice group and
 * recipient and sends it through ACS. Silenced and flapping alerts are left out; a recipient over the rate
 * limit is skipped and recorded. Effects are idempotent twice over: the record id and the ACS operation id
 * both derive from the group key and the recipient, so a redelivered message sends nothing new.
 */
import { createHash } from 'node:crypto';
import type { Alert } from '@kpi/shared/contracts/monitoring-alert';
import {
  type NotificationRecord,
  type noticeGroupSchema,
  recordHtml,
} from '@kpi/shared/contracts/monitoring-notification';
import {
  admit,
  DEFAULT_RATE_LIMIT,
  type RateLimit,
  recipientsFor,
} from '@kpi/shared/domain/monitoring/notifications';
import { renderNotification } from '@kpi/shared/domain/monitoring/render-notification';
import { activeSilence } from '@kpi/shared/domain/monitoring/silences';
import { isConflict, isLostRace } from '@kpi/shared/platform/cosmos/conditions';
import { systemScope, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { Logger } from '@kpi/shared/platform/log';
import type { z } from 'zod';
import type { Dependencies } from '../dependencies';
import { tenantRules, VENDOR_TENANT } from '../rules/tenant-rules';

type NoticeGroup = z.infer<typeof noticeGroupSchema>;

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

export interface SendOutcome {
  sent: string[];
  skipped: Record<string, string>;
}

export async function sendNotifications(
  deps: Dependencies,
  group: NoticeGroup,
  now: Date,
  log?: Logger,
  limit: RateLimit = DEFAULT_RATE_LIMIT,
): Promise<SendOutcome> {
  const scope = systemScope(group.tenantId, 'notification mailer');
  const outcome: SendOutcome = { sent: [], skipped: {} };
  // A reminder is only for alerts still open (acknowledged or resolved meanwhile: nothing to remind of).
  const alerts = (await Promise.all(group.alertIds.map((id) => deps.alerts.get(scope, id)))).filter(
    (a): a is Alert => a !== undefined && (group.kind !== 'reminder' || a.state === 'open'),
  );
  if (alerts.length === 0) return outcome;
  const rules = await tenantRules(deps, group.tenantId, now.getTime());
  const flapping = alerts.filter((a) => a.flapping);
  const silenced = alerts.filter((a) => !a.flapping && activeSilence(rules.silences, a, now));
  const live = alerts.filter((a) => !flapping.includes(a) && !silenced.includes(a));
  const base = { tenantId: group.tenantId, groupKey: group.key, kind: group.kind, at: now.toISOString() };

  const held = [
    { status: 'flapping' as const, alerts: flapping },
    { status: 'silenced' as const, alerts: silenced },
  ];
  for (const h of held) {
    if (h.alerts.length === 0) continue;
    // Held-back alerts are recorded too, so the outbox shows why no e-mail went out for them.
    await recordNotification(deps, scope, {
      ...base,
      id: `${group.key}~${h.status}`,
      alertIds: h.alerts.map((a) => a.id),
      status: h.status,
      subject: `${h.alerts.length} alert(s) not sent: ${h.status}`,
    });
    for (const a of h.alerts) outcome.skipped[a.id] = h.status;
  }
  if (live.length === 0) return outcome;

  const vendor = (await tenantRules(deps, VENDOR_TENANT, now.getTime())).settings?.contacts.emails ?? [];
  const contacts = rules.settings?.contacts ?? { emails: [], severities: ['critical', 'warning'] as const };
  const extra = live.flatMap((a) => a.notify ?? []);
  const recipients = recipientsFor(
    live.map((a) => a.severity),
    { emails: contacts.emails, severities: [...contacts.severities] },
    [...vendor, ...extra],
  );
  const mail = renderNotification({ kind: group.kind, tenantId: group.tenantId, alerts: live });
  const alertIds = live.map((a) => a.id);
  if (recipients.length === 0) {
    await recordNotification(deps, scope, {
      ...base,
      id: `${group.key}~none`,
      alertIds,
      status: 'no-recipients',
      subject: mail.subject,
    });
    outcome.skipped['*'] = 'no-recipients';
    return outcome;
  }

  for (const to of recipients) {
    const id = `${group.key}~${hash(to)}`;
    if (await deps.notifications.get(scope, id)) continue; // done by an earlier delivery
    if (!(await takeRateSlot(deps, to, now, limit))) {
      await recordNotification(deps, scope, {
        ...base,
        id,
        alertIds,
        recipient: to,
        status: 'rate-limited',
        subject: mail.subject,
      });
      outcome.skipped[to] = 'rate-limited';
      continue;
    }
    const messageId = await deps.mailer.send({ to: [to], ...mail, idempotencyKey: id });
    await recordNotification(deps, scope, {
      ...base,
      id,
      alertIds,
      recipient: to,
      status: 'sent',
      subject: mail.subject,
      text: mail.text,
      html: recordHtml(mail.html),
      messageId,
    });
    outcome.sent.push(to);
  }
  log?.info('notifications processed', { groupKey: group.key, sent: outcome.sent.length });
  return outcome;
}

/** Records one outbox entry; a second delivery finds it already there (409) and changes nothing. */
export async function recordNotification(
  deps: Pick<Dependencies, 'notifications'>,
  scope: TenantScope,
  item: Omit<NotificationRecord, 'tenantId'>,
): Promise<void> {
  try {
    await deps.notifications.create(scope, item);
  } catch (err) {
    if (!isConflict(err)) throw err;
  }
}

/** Sliding-window slot for a recipient; optimistic on the recipient's history document. */
async function takeRateSlot(deps: Pick<Dependencies, 'mailRate'>, to: string, now: Date, limit: RateLimit) {
  const id = hash(`rate:${to}`);
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await deps.mailRate.getVersioned(id);
    const decision = admit(found?.item.sent ?? [], now, limit);
    if (!decision.allowed) return false;
    try {
      if (found) await deps.mailRate.replace({ id, sent: decision.history }, { ifMatch: found.etag });
      else await deps.mailRate.create({ id, sent: decision.history });
      return true;
    } catch (err) {
      if (isLostRace(err)) continue;
      throw err;
    }
  }
  return false;
}

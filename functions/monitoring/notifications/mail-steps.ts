/**
 * The mailer as small steps, shared by alert and licence e-mails (after Alertmanager's notify stages, one
 * function a step, each testable alone): hold back → recipients → render → rate limit → dedupe → send →
 * record. What is held back, who receives and what the e-mail says differ by kind and live with each
 * mailer (`send-notifications.ts`, `send-license-notice.ts`); recording a held-back or undeliverable
 * notice and the per-recipient delivery (rate limit, dedupe, send, record) are the same for both and live
 * here. Every effect is keyed by the notice's key and the recipient, so a redelivery sends nothing new.
 */
import { createHash } from 'node:crypto';
import type { NotificationRecord } from '@kpi/shared/contracts/monitoring-notification';
import { recordHtml } from '@kpi/shared/contracts/monitoring-notification';
import { admit, type RateLimit } from '@kpi/shared/domain/monitoring/notifications';
import type { RenderedMail } from '@kpi/shared/domain/monitoring/render-notification';
import { isConflict, isLostRace } from '@kpi/shared/platform/cosmos/conditions';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { AppDeps } from '../dependencies';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);

/** What the mailers report: who got the e-mail, and why others did not (by alert id, recipient or `*`). */
export interface SendOutcome {
  sent: string[];
  skipped: Record<string, string>;
}

/** The fields every outbox record of one notice shares. */
export type RecordBase = Pick<NotificationRecord, 'groupKey' | 'kind' | 'alertIds' | 'at'> &
  Partial<Pick<NotificationRecord, 'licenseId'>>;

/** Record: one outbox entry; a second delivery finds it already there (conflict) and changes nothing. */
export async function recordNotification(
  deps: Pick<AppDeps, 'notifications'>,
  scope: TenantScope,
  item: Omit<NotificationRecord, 'tenantId'>,
): Promise<void> {
  try {
    await deps.notifications.create(scope, item);
  } catch (err) {
    if (!isConflict(err)) throw err;
  }
}

/** Hold back: records why no e-mail went out (silenced, flapping, nobody to tell), so the outbox shows it. */
export async function recordHeldBack(
  deps: Pick<AppDeps, 'notifications'>,
  scope: TenantScope,
  base: RecordBase,
  held: { suffix: string; status: 'silenced' | 'flapping' | 'no-recipients'; subject: string },
): Promise<void> {
  await recordNotification(deps, scope, {
    ...base,
    id: `${base.groupKey}~${held.suffix}`,
    status: held.status,
    subject: held.subject,
  });
}

/** Hold back for want of recipients: recorded in the outbox, and the whole notice skipped (`*`). */
export async function recordNoRecipients(
  deps: Pick<AppDeps, 'notifications'>,
  scope: TenantScope,
  base: RecordBase,
  subject: string,
  outcome: SendOutcome,
): Promise<SendOutcome> {
  await recordHeldBack(deps, scope, base, { suffix: 'none', status: 'no-recipients', subject });
  outcome.skipped['*'] = 'no-recipients';
  return outcome;
}

/** The id of the e-mail to one recipient: outbox record id and ACS idempotency key at once. */
export const deliveryId = (key: string, to: string) => `${key}~${hash(to)}`;

/** Dedupe: true when an earlier delivery of this notice already handled the recipient. */
export async function alreadyHandled(
  deps: Pick<AppDeps, 'notifications'>,
  scope: TenantScope,
  id: string,
): Promise<boolean> {
  return (await deps.notifications.get(scope, id)) !== undefined;
}

/**
 * Rate limit: a sliding-window slot for a recipient, optimistic on the recipient's history document;
 * false when the recipient is over the limit (or the history kept changing).
 */
export async function takeRateSlot(
  deps: Pick<AppDeps, 'mailRate'>,
  to: string,
  now: Date,
  limit: RateLimit,
): Promise<boolean> {
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

/** Send and record: one e-mail through ACS (idempotent by `id`), then its outbox record with text and HTML. */
export async function sendAndRecord(
  deps: Pick<AppDeps, 'notifications' | 'mailer'>,
  scope: TenantScope,
  base: RecordBase,
  delivery: { id: string; to: string; mail: RenderedMail },
): Promise<void> {
  const { id, to, mail } = delivery;
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
}

/**
 * Dedupe → rate limit (when given) → send → record, for each recipient of one rendered notice. A recipient
 * over the rate limit gets a `rate-limited` record instead of the e-mail.
 */
export async function deliverToEach(
  deps: Pick<AppDeps, 'notifications' | 'mailer'>,
  scope: TenantScope,
  base: RecordBase,
  notice: {
    recipients: readonly string[];
    mail: RenderedMail;
    /** The rate-limit step, e.g. `(to) => takeRateSlot(deps, to, now, limit)`; none: no limit. */
    admitRecipient?: (to: string) => Promise<boolean>;
  },
  outcome: SendOutcome,
): Promise<void> {
  const { mail, admitRecipient } = notice;
  for (const to of notice.recipients) {
    const id = deliveryId(base.groupKey, to);
    if (await alreadyHandled(deps, scope, id)) continue;
    if (admitRecipient && !(await admitRecipient(to))) {
      await recordNotification(deps, scope, {
        ...base,
        id,
        recipient: to,
        status: 'rate-limited',
        subject: mail.subject,
      });
      outcome.skipped[to] = 'rate-limited';
      continue;
    }
    await sendAndRecord(deps, scope, base, { id, to, mail });
    outcome.sent.push(to);
  }
}

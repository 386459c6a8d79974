/**
 * Notifications: the Service Bus message that asks the monitoring mailer to notify about a group of alert
 * events (topic `monitoring-notifications`), and the record of each e-mail (container `notifications`,
 * partition `/tenantId`) that the Monitor UI shows as the outbox.
 */
import { z } from 'zod';

export const noticeGroupSchema = z.object({
  key: z.string().min(1).max(200),
  tenantId: z.string().min(1),
  kind: z.enum(['opened', 'resolved', 'reminder']),
  alertIds: z.array(z.string()).min(1).max(100),
  occurrences: z.array(z.number().int().min(0)).max(100),
});

/** Licence events that are e-mailed to the licence's contacts and the vendor's account manager. */
export const LICENSE_NOTICE_EVENTS = [
  'license.expiring',
  'license.expired',
  'license.suspended',
  'license.renewed',
  'license.revoked',
] as const;

/**
 * A licence e-mail: one per licence event, keyed by the licence service's idempotency key (per licence,
 * expiry and milestone/status), so sweeps that run twice or overlap and redelivered messages e-mail once.
 */
export const licenseNoticeSchema = z.object({
  key: z.string().min(1).max(200),
  tenantId: z.string().min(1),
  kind: z.literal('license'),
  licenseId: z.string().min(1),
  event: z.enum(LICENSE_NOTICE_EVENTS),
  /** `license.expiring`: days before expiry (90, 60, 30, 7). */
  milestone: z.number().int().min(0).optional(),
  expiresAt: z.string(),
  graceDays: z.number().int().min(0),
  /** The licence's contacts for reminders. */
  contacts: z.array(z.string()).max(20),
  /** The licence alert in the inbox, when the event opened or kept one open (matched by silences). */
  alertId: z.string().optional(),
});
export type LicenseNotice = z.infer<typeof licenseNoticeSchema>;

/** Body of a `monitoring.notify` message: alert notices grouped, or one licence notice. */
export const notifyMessageSchema = z.object({
  type: z.literal('monitoring.notify'),
  subject: z.string().optional(),
  data: z.union([noticeGroupSchema, licenseNoticeSchema]),
  time: z.string(),
});

export const NOTIFICATION_STATUSES = [
  'sent',
  'silenced',
  'rate-limited',
  'no-recipients',
  'flapping',
] as const;

/** Characters of an e-mail's HTML kept in its outbox record (Cosmos items are capped at 2 MB). */
export const RECORD_HTML_MAX = 64 * 1024;
/** Appended where the HTML was cut, visible in the outbox's HTML view. */
export const RECORD_HTML_TRUNCATED =
  '<p style="border-top:1px solid #ccc;color:#a00;font:12px sans-serif">[truncated in the outbox record]</p>';

/** The HTML as kept in an outbox record: at most `RECORD_HTML_MAX` characters, then the truncation marker. */
export function recordHtml(html: string): string {
  if (html.length <= RECORD_HTML_MAX) return html;
  // Do not split a surrogate pair at the cut.
  const end = /[\uD800-\uDBFF]/.test(html.charAt(RECORD_HTML_MAX - 1))
    ? RECORD_HTML_MAX - 1
    : RECORD_HTML_MAX;
  return html.slice(0, end) + RECORD_HTML_TRUNCATED;
}

/** One e-mail (or the reason none went out) for one recipient of one notice group. */
export const notificationRecordSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  groupKey: z.string(),
  kind: z.enum(['opened', 'resolved', 'reminder', 'license']),
  alertIds: z.array(z.string()),
  /** Licence e-mails: the licence. */
  licenseId: z.string().optional(),
  /** Absent when nobody was to be notified. */
  recipient: z.string().optional(),
  status: z.enum(NOTIFICATION_STATUSES),
  subject: z.string(),
  text: z.string().optional(),
  /** The e-mail's HTML as sent (see `recordHtml`); absent on records older than this field and when none was sent. */
  html: z
    .string()
    .max(RECORD_HTML_MAX + RECORD_HTML_TRUNCATED.length)
    .optional(),
  messageId: z.string().optional(),
  at: z.iso.datetime(),
});
export type NotificationRecord = z.infer<typeof notificationRecordSchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationRecordSchema),
  continuationToken: z.string().optional(),
});

/** Per-recipient send history for the rate limit (container `mail-rate`, partition `/id`). */
export const mailRateSchema = z.object({
  id: z.string(),
  sent: z.array(z.iso.datetime()),
});
export type MailRate = z.infer<typeof mailRateSchema>;

/** An audit entry (container `monitoring-audit`, partition `/tenantId`). */
export const auditEntrySchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  at: z.iso.datetime(),
  /** E-mail of the user, or `deployment:<id>`. */
  actor: z.string(),
  action: z.string(),
  /** What it was done to (alert id, command id, silence id, …). */
  target: z.string(),
  deploymentId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListSchema = z.object({
  items: z.array(auditEntrySchema),
  continuationToken: z.string().optional(),
});

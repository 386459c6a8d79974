/** Filtering and counting the outbox records (pure). */
import type { NotificationRecord } from '@kpi/shared/contracts/monitoring-notification';

export type { NotificationRecord };
export type NotificationStatus = NotificationRecord['status'];

/** Why each status means what it means, for the status filter and tooltips. */
export const STATUS_LABELS: Record<NotificationStatus, string> = {
  sent: 'Sent',
  silenced: 'Skipped: silenced',
  'rate-limited': 'Skipped: rate limit',
  flapping: 'Skipped: flapping',
  'no-recipients': 'Skipped: no recipients',
};
export const STATUSES = Object.keys(STATUS_LABELS) as NotificationStatus[];

/** Labels per kind; a `Record`, so a new kind in the contract must be named here. */
export const KIND_LABELS: Record<NotificationRecord['kind'], string> = {
  opened: 'Alert opened',
  reminder: 'Reminder',
  resolved: 'Resolved',
  license: 'Licence notice',
};
export const KINDS = Object.keys(KIND_LABELS) as NotificationRecord['kind'][];

export interface OutboxFilter {
  /** `skipped` = anything not sent. */
  status: 'all' | 'skipped' | NotificationStatus;
  kind: 'all' | NotificationRecord['kind'];
  text: string;
}

export const DEFAULT_OUTBOX_FILTER: OutboxFilter = { status: 'all', kind: 'all', text: '' };

export function filterOutbox(records: readonly NotificationRecord[], f: OutboxFilter): NotificationRecord[] {
  const text = f.text.trim().toLowerCase();
  return records.filter((r) => {
    if (f.status === 'skipped' ? r.status === 'sent' : f.status !== 'all' && r.status !== f.status)
      return false;
    if (f.kind !== 'all' && r.kind !== f.kind) return false;
    if (!text) return true;
    return [r.subject, r.recipient ?? '', r.tenantId, ...r.alertIds].some((s) =>
      s.toLowerCase().includes(text),
    );
  });
}

/** Records per status. */
export function countByStatus(records: readonly NotificationRecord[]): Record<NotificationStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<NotificationStatus, number>;
  for (const r of records) counts[r.status]++;
  return counts;
}

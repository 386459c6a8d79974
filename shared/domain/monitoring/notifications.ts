/**
 * Notification policy: grouping of alerts that fire together (one e-mail per tenant and kind per batch),
 * the per-recipient rate limit (sliding window), and recipients by severity.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../../contracts/monitoring-alert';

export const NOTICE_KINDS = ['opened', 'resolved', 'reminder'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** One alert event to notify about. */
export interface Notice {
  tenantId: string;
  alertId: string;
  kind: NoticeKind;
  /** Distinguishes repeated events of one alert (reminder number); part of the idempotency key. */
  occurrence: number;
}

/** Notices sent together, with a deterministic key (the idempotency key of the e-mail). */
export interface NoticeGroup {
  key: string;
  tenantId: string;
  kind: NoticeKind;
  alertIds: string[];
  occurrences: number[];
}

/** Groups by tenant and kind, keeping input order, at most `maxPerGroup` alerts per group. */
export function groupNotices(notices: readonly Notice[], maxPerGroup = 50): NoticeGroup[] {
  const byGroup = new Map<string, Notice[]>();
  for (const n of notices) {
    const k = `${n.tenantId}\u0000${n.kind}`;
    const list = byGroup.get(k) ?? [];
    if (!list.some((x) => x.alertId === n.alertId && x.occurrence === n.occurrence)) list.push(n);
    byGroup.set(k, list);
  }
  const groups: NoticeGroup[] = [];
  for (const list of byGroup.values()) {
    for (let i = 0; i < list.length; i += maxPerGroup) {
      const chunk = list.slice(i, i + maxPerGroup);
      const first = chunk[0] as Notice;
      groups.push({
        key: noticeKey(first.kind, chunk),
        tenantId: first.tenantId,
        kind: first.kind,
        alertIds: chunk.map((n) => n.alertId),
        occurrences: chunk.map((n) => n.occurrence),
      });
    }
  }
  return groups;
}

/** Same alerts and events (in any order) → same key. */
function noticeKey(kind: NoticeKind, notices: readonly Notice[]): string {
  const parts = notices.map((n) => `${n.alertId}#${n.occurrence}`).sort();
  return `${kind}-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)}`;
}

/** Sliding-window rate limit per recipient. */
export interface RateLimit {
  max: number;
  windowMinutes: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { max: 10, windowMinutes: 60 };

/** Whether one more e-mail may go to a recipient who was sent mail at `history`; and the history to keep. */
export function admit(
  history: readonly string[],
  now: Date,
  limit: RateLimit,
): { allowed: boolean; history: string[] } {
  const since = now.getTime() - limit.windowMinutes * 60_000;
  const kept = history.filter((t) => Date.parse(t) > since);
  if (kept.length >= limit.max) return { allowed: false, history: kept };
  return { allowed: true, history: [...kept, now.toISOString()] };
}

/** Tenant contacts get the severities they chose; vendor support gets everything. Deduplicated, lower-cased. */
export function recipientsFor(
  severities: readonly Severity[],
  tenant: { emails: readonly string[]; severities: readonly Severity[] },
  vendor: readonly string[],
): string[] {
  const out = new Set<string>();
  if (severities.some((s) => tenant.severities.includes(s)))
    for (const e of tenant.emails) out.add(e.toLowerCase());
  for (const e of vendor) out.add(e.toLowerCase());
  return [...out].sort();
}

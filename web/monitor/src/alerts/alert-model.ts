/**
 * Pure pieces of the alert inbox: labels, filtering, ordering, the API path for a filter, an alert's
 * subject and its history. Only types come from the contracts, so zod stays out of the page chunk.
 */
import type { Alert, AlertRule, AlertState, Severity } from '@kpi/shared/contracts/monitoring-alert';
import type { Silence } from '@kpi/shared/contracts/monitoring-rules';
import { occurrenceAt } from '@kpi/shared/domain/monitoring/schedule';
import { activeSilence } from '@kpi/shared/domain/monitoring/silences';

export type { Alert, AlertRule, AlertState, Severity };

/** A `Record` over the contract's union: adding a rule to the contract breaks the build until it is named here. */
export const RULE_LABELS: Record<AlertRule, string> = {
  'heartbeat-missing': 'Heartbeat missing',
  'error-rate': 'Error rate',
  'latency-p95': 'Latency p95',
  memory: 'Memory',
  'data-freshness': 'Data freshness',
  'app-version': 'App version',
  'license-expiring': 'Licence expiring',
  'license-expired': 'Licence expired',
};
export const RULES = Object.keys(RULE_LABELS) as AlertRule[];

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
export const SEVERITIES = Object.keys(SEVERITY_RANK) as Severity[];

export const STATE_LABELS: Record<AlertState, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

/** `unresolved` = open or acknowledged. */
export type StateFilter = 'unresolved' | 'all' | AlertState;
export type AlertOrder = 'newest' | 'severity';

export interface AlertFilter {
  state: StateFilter;
  severity: 'all' | Severity;
  rule: 'all' | AlertRule;
  /** Free text over id, subject, summary, tenant and comment; case-insensitive. */
  text: string;
}

export const DEFAULT_FILTER: AlertFilter = { state: 'unresolved', severity: 'all', rule: 'all', text: '' };

/**
 * The list path for a scope and filter: state and rule are filtered by the API (one state at a time),
 * severity and text here. `tenantId` undefined = every tenant (vendor staff).
 */
export function alertsPath(tenantId: string | undefined, filter: AlertFilter, limit = 100): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (filter.state !== 'unresolved' && filter.state !== 'all') q.set('state', filter.state);
  if (filter.rule !== 'all') q.set('rule', filter.rule);
  const base = tenantId ? `monitoring/tenants/${encodeURIComponent(tenantId)}/alerts` : 'monitoring/alerts';
  return `${base}?${q}`;
}

/** The alerts that pass every part of the filter. */
export function filterAlerts(alerts: readonly Alert[], filter: AlertFilter): Alert[] {
  const text = filter.text.trim().toLowerCase();
  return alerts.filter((a) => {
    if (
      filter.state === 'unresolved'
        ? a.state === 'resolved'
        : filter.state !== 'all' && a.state !== filter.state
    )
      return false;
    if (filter.severity !== 'all' && a.severity !== filter.severity) return false;
    if (filter.rule !== 'all' && a.rule !== filter.rule) return false;
    if (!text) return true;
    return [a.id, a.deploymentId, a.summary, a.tenantId, a.comment ?? '', RULE_LABELS[a.rule]].some((f) =>
      f.toLowerCase().includes(text),
    );
  });
}

const opened = (a: Alert) => Date.parse(a.openedAt);

/** Newest first, or most severe first (newest first within a severity). Returns a new array. */
export function sortAlerts(alerts: readonly Alert[], order: AlertOrder): Alert[] {
  return [...alerts].sort((a, b) => {
    if (order === 'severity') {
      const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
      if (bySeverity !== 0) return bySeverity;
    }
    return opened(b) - opened(a) || a.id.localeCompare(b.id);
  });
}

/** What an alert is about: a deployment, or a tracked licence (`license:<id>`). */
export type AlertSubject = { kind: 'deployment'; id: string } | { kind: 'license'; id: string };

export function alertSubject(alert: Pick<Alert, 'deploymentId'>): AlertSubject {
  return alert.deploymentId.startsWith('license:')
    ? { kind: 'license', id: alert.deploymentId.slice('license:'.length) }
    : { kind: 'deployment', id: alert.deploymentId };
}

/** One step of an alert's life, oldest first. */
export interface HistoryStep {
  at: string;
  what: string;
  by?: string;
  comment?: string;
}

/** The steps the alert document records: opened, reminders, acknowledged (with comment), resolved. */
export function alertHistory(alert: Alert): HistoryStep[] {
  const steps: HistoryStep[] = [{ at: alert.openedAt, what: `Opened: ${alert.summary}` }];
  if (alert.acknowledgedAt) {
    steps.push({
      at: alert.acknowledgedAt,
      what: 'Acknowledged',
      ...(alert.acknowledgedBy ? { by: alert.acknowledgedBy } : {}),
      ...(alert.comment ? { comment: alert.comment } : {}),
    });
  }
  if (alert.resolvedAt) {
    const auto = alert.resolvedBy === 'auto';
    steps.push({
      at: alert.resolvedAt,
      what: auto ? 'Resolved automatically on recovery' : 'Resolved by hand',
      ...(alert.resolvedBy && !auto ? { by: alert.resolvedBy } : {}),
    });
  }
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The silence matchers that hold back this alert's e-mails: its deployment (or licence) and rule. */
export function silenceMatchersFor(alert: Pick<Alert, 'deploymentId' | 'rule'>) {
  return [
    { label: 'deploymentId' as const, op: '=' as const, value: alert.deploymentId },
    { label: 'rule' as const, op: '=' as const, value: alert.rule },
  ];
}

/** Duration presets of the quick silence, in minutes. */
export const SILENCE_PRESETS = [
  { label: '1 hour', minutes: 60 },
  { label: '4 hours', minutes: 240 },
  { label: '1 day', minutes: 1440 },
  { label: '1 week', minutes: 10_080 },
] as const;

/**
 * When the silence holding back this alert's e-mails ends (the service's own matching rules), or undefined
 * when no silence applies now.
 */
export function silencedUntil(alert: Alert, silences: readonly Silence[], now: Date): Date | undefined {
  const silence = activeSilence(silences, alert, now);
  return silence ? occurrenceAt(silence.schedule, now)?.end : undefined;
}

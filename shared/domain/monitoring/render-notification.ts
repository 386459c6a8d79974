/** Renders the e-mail for a notice group: HTML and plain text with the same content. */
import type { Alert } from '../../contracts/monitoring-alert';
import type { NoticeKind } from './notifications';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const heading: Record<NoticeKind, (n: number) => string> = {
  opened: (n) => (n === 1 ? 'Alert opened' : `${n} alerts opened`),
  resolved: (n) => (n === 1 ? 'Alert resolved' : `${n} alerts resolved`),
  reminder: (n) => (n === 1 ? 'Reminder: alert still open' : `Reminder: ${n} alerts still open`),
};

/** Subject, HTML and text for the alerts of one group, for tenant `tenantId`. */
export function renderNotification(input: {
  kind: NoticeKind;
  tenantId: string;
  alerts: readonly Alert[];
  monitorUrl?: string;
}): RenderedMail {
  const { kind, tenantId, alerts } = input;
  const title = heading[kind](alerts.length);
  const worst = alerts.some((a) => a.severity === 'critical')
    ? 'CRITICAL'
    : alerts[0]?.severity.toUpperCase();
  const first = alerts[0];
  const subject =
    alerts.length === 1 && first
      ? `[KPI Monitor] ${kind === 'resolved' ? 'RESOLVED' : worst} ${tenantId}/${first.deploymentId}: ${first.rule}`
      : `[KPI Monitor] ${kind === 'resolved' ? 'RESOLVED' : worst} ${tenantId}: ${title}`;
  const line = (a: Alert) =>
    `${a.severity.toUpperCase()} ${a.deploymentId} ${a.rule}: ${a.summary}` +
    (kind === 'resolved' && a.resolvedAt
      ? ` (resolved ${a.resolvedAt} by ${a.resolvedBy ?? 'auto'})`
      : ` (opened ${a.openedAt})`);
  const link = input.monitorUrl ? `${input.monitorUrl.replace(/\/+$/, '')}/alerts` : undefined;
  const text = [
    `${title} for tenant ${tenantId}`,
    '',
    ...alerts.map((a) => `- ${line(a)}`),
    '',
    ...(link ? [`Open the alert inbox: ${link}`] : []),
  ]
    .join('\n')
    .trimEnd();
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(title)} for tenant ${escapeHtml(tenantId)}</h2>`,
    '<ul>',
    ...alerts.map((a) => `<li>${escapeHtml(line(a))}</li>`),
    '</ul>',
    ...(link ? [`<p><a href="${escapeHtml(link)}">Open the alert inbox</a></p>`] : []),
    '</body></html>',
  ].join('\n');
  return { subject, html, text };
}

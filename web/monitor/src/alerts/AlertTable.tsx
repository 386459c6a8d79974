import type { Silence } from '@kpi/shared/contracts/monitoring-rules';
import { Link } from '@kpi/web-ui/routing';
import { Badge, type Tone } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import form from '../common/form.module.css';
import { formatTime } from '../common/format-time';
import monitor from '../common/page.module.css';
import text from '../common/text.module.css';
import { WhenCell } from '../common/WhenCell';
import {
  type Alert,
  type AlertState,
  alertHistory,
  alertSubject,
  RULE_LABELS,
  type Severity,
  STATE_LABELS,
  silencedUntil,
} from './alert-model';
import styles from './inbox.module.css';

const SEVERITY_TONES: Record<Severity, Tone> = { critical: 'danger', warning: 'warn', info: 'ok' };
const STATE_TONES: Record<AlertState, Tone> = { open: 'danger', acknowledged: 'warn', resolved: 'ok' };

/** A row's action buttons, in this order, each where the alert's state allows it. */
const ROW_ACTIONS: { action: AlertTableAction; label: string; offered: (a: Alert) => boolean }[] = [
  { action: 'acknowledge', label: 'Acknowledge', offered: (a) => a.state === 'open' },
  { action: 'resolve', label: 'Resolve', offered: (a) => a.state !== 'resolved' },
  { action: 'silence', label: 'Silence', offered: (a) => a.state !== 'resolved' },
];

export type AlertTableAction = 'acknowledge' | 'resolve' | 'silence';

export interface AlertTableProps {
  alerts: Alert[];
  now: number;
  /** Show the tenant column (staff looking at every tenant). */
  showTenant: boolean;
  /** Offer the actions and selection (tenant owner/admin, vendor staff). */
  canManage: boolean;
  /** The tenant's silences, to mark alerts whose e-mails are held back (absent across tenants). */
  silences?: Silence[] | undefined;
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  onAction: (action: AlertTableAction, alert: Alert) => void;
}

/** Where the alert's subject is shown: the deployment detail page, or the licences page. */
function Subject({ alert }: { alert: Alert }) {
  const subject = alertSubject(alert);
  const tenant = encodeURIComponent(alert.tenantId);
  if (subject.kind === 'license') {
    return (
      <Link to={`/licenses?tenant=${tenant}`} title="Tracked licences of this tenant">
        Licence {subject.id}
      </Link>
    );
  }
  return <Link to={`/deployment?tenant=${tenant}&id=${encodeURIComponent(subject.id)}`}>{subject.id}</Link>;
}

/** The inbox rows: rule and summary, subject, opened, state with history, actions. */
export function AlertTable(props: AlertTableProps) {
  const { alerts, now, showTenant, canManage, selected, silences } = props;
  const at = new Date(now);
  const selectable = alerts.filter((a) => a.state === 'open');
  const allSelected = selectable.length > 0 && selectable.every((a) => selected.has(a.id));
  return (
    <DataTable
      className={monitor.table}
      label="Alerts"
      columns={[
        canManage && {
          key: 'select',
          style: { width: 32 },
          label: (
            <input
              type="checkbox"
              aria-label="Select every open alert"
              checked={allSelected}
              disabled={selectable.length === 0}
              onChange={(e) => props.onSelectAll(e.target.checked)}
            />
          ),
        },
        'Severity',
        { key: 'rule', label: 'Rule', style: { minWidth: 240 } },
        showTenant && 'Tenant',
        'Subject',
        'Opened',
        'State',
        canManage && 'Actions',
      ]}
    >
      {alerts.map((a) => (
        <tr key={a.id} data-testid="alert-row" data-alert-id={a.id} data-state={a.state}>
          {canManage && (
            <td>
              {a.state === 'open' && (
                <input
                  type="checkbox"
                  aria-label={`Select ${RULE_LABELS[a.rule]} on ${a.deploymentId}`}
                  checked={selected.has(a.id)}
                  onChange={(e) => props.onSelect(a.id, e.target.checked)}
                />
              )}
            </td>
          )}
          <td>
            <Badge tone={SEVERITY_TONES[a.severity]}>{a.severity}</Badge>
          </td>
          <td>
            <strong>{RULE_LABELS[a.rule]}</strong>
            <div className={text.summary}>{a.summary}</div>
            {a.flapping && <Badge tone="warn">flapping</Badge>}
          </td>
          {showTenant && (
            <td>
              <Link
                to={`/alerts?tenant=${encodeURIComponent(a.tenantId)}`}
                title={`Only ${a.tenantId}'s alerts`}
              >
                {a.tenantId}
              </Link>
            </td>
          )}
          <td>
            <Subject alert={a} />
          </td>
          <WhenCell at={a.openedAt} now={now} />
          <td>
            <Badge tone={STATE_TONES[a.state]} data-testid="alert-state">
              {STATE_LABELS[a.state]}
            </Badge>
            {silences && a.state !== 'resolved' && <SilencedBadge alert={a} silences={silences} at={at} />}
            {a.reminders > 0 && <div className={text.summary}>{a.reminders} reminder(s) sent</div>}
            <details className={styles.details}>
              <summary>History</summary>
              <ol className={styles.history}>
                {alertHistory(a).map((step) => (
                  <li key={`${step.at}-${step.what}`}>
                    <span title={step.at}>{formatTime(step.at)}</span> · {step.what}
                    {step.by && <> by {step.by}</>}
                    {step.comment && <div className={styles.comment}>“{step.comment}”</div>}
                  </li>
                ))}
              </ol>
            </details>
          </td>
          {canManage && (
            <td>
              <div className={form.rowActions}>
                {ROW_ACTIONS.filter((r) => r.offered(a)).map((r) => (
                  <button
                    key={r.action}
                    type="button"
                    className={`kpi-button ${form.small}`}
                    onClick={() => props.onAction(r.action, a)}
                  >
                    {r.label}
                  </button>
                ))}
              </div>
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}

function SilencedBadge({ alert, silences, at }: { alert: Alert; silences: Silence[]; at: Date }) {
  const until = silencedUntil(alert, silences, at);
  if (!until) return null;
  return (
    <div>
      <Badge
        tone="brand"
        data-testid="alert-silenced"
        title={`E-mails held back until ${formatTime(until.toISOString())}`}
      >
        Silenced until {formatTime(until.toISOString())}
      </Badge>
    </div>
  );
}

import type { MaintenanceWindow, Silence } from '@kpi/shared/contracts/monitoring-rules';
import { EmptyState } from '@kpi/web-ui/layout';
import { DataTable } from '../common/DataTable';
import { formatTime } from '../common/format-time';
import monitor from '../common/page.module.css';
import {
  describeMatcher,
  describeSchedule,
  formatOccurrence,
  nextOccurrences,
  type ScheduleStatus,
  scheduleStatus,
} from './schedule-text';
import styles from './silences.module.css';

export type RuleItem = Silence | MaintenanceWindow;

export interface RuleListProps {
  kind: 'silence' | 'window';
  items: RuleItem[];
  now: Date;
  /** Only show items with this status; undefined = all. */
  status: ScheduleStatus | undefined;
  canManage: boolean;
  onEdit: (item: RuleItem) => void;
  onDelete: (item: RuleItem) => void;
}

const order: Record<ScheduleStatus, number> = { active: 0, upcoming: 1, expired: 2 };

/** Silences or windows with their status now, what they cover, when (with next occurrences) and why. */
export function RuleList({ kind, items, now, status, canManage, onEdit, onDelete }: RuleListProps) {
  const rows = items
    .map((item) => ({ item, status: scheduleStatus(item.schedule, now) }))
    .filter((r) => !status || r.status === status)
    .sort((a, b) => order[a.status] - order[b.status] || b.item.createdAt.localeCompare(a.item.createdAt));
  if (rows.length === 0) {
    return (
      <EmptyState title={kind === 'silence' ? 'No silences' : 'No maintenance windows'} icon="∅">
        {status
          ? `None is ${status}.`
          : kind === 'silence'
            ? 'Silences hold back alert e-mails; create one here or from an alert.'
            : 'Maintenance windows pause status and metric alerts for planned work.'}
      </EmptyState>
    );
  }
  return (
    <DataTable
      className={monitor.table}
      label={kind === 'silence' ? 'Silences' : 'Maintenance windows'}
      columns={[
        'Status',
        kind === 'silence' ? 'Matches' : 'Deployments',
        'When',
        kind === 'silence' ? 'Comment' : 'Reason',
        'Created / edited',
        canManage && 'Actions',
      ]}
    >
      {rows.map(({ item, status: st }) => {
        const zone = item.schedule.recurrence?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
        const next = item.schedule.recurrence ? nextOccurrences(item.schedule, now, 3) : [];
        return (
          <tr key={item.id} data-testid={`${kind}-row`} data-status={st}>
            <td>
              <span className={`${styles.pill} ${styles[st]}`}>{st}</span>
            </td>
            <td>
              {'matchers' in item
                ? item.matchers.map((m) => (
                    <div key={describeMatcher(m)}>
                      <code>{describeMatcher(m)}</code>
                    </div>
                  ))
                : item.deploymentIds.length === 0
                  ? 'Every deployment'
                  : item.deploymentIds.join(', ')}
            </td>
            <td>
              {item.schedule.recurrence ? 'Recurring: ' : ''}
              {describeSchedule(item.schedule, formatTime)}
              {next.length > 0 && (
                <div className={styles.summary}>
                  Next: {next.map((o) => formatOccurrence(o, zone)).join(' · ')}
                </div>
              )}
            </td>
            <td>{'comment' in item ? item.comment : item.reason}</td>
            <td>
              {formatTime(item.createdAt)}
              <div className={styles.summary}>{item.createdBy}</div>
              {item.updatedAt && (
                <div className={styles.summary} title={formatTime(item.updatedAt)}>
                  edited by {item.updatedBy}
                </div>
              )}
            </td>
            {canManage && (
              <td>
                <div className={styles.rowActions}>
                  <button type="button" className={`kpi-button ${styles.small}`} onClick={() => onEdit(item)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className={`kpi-button ${styles.small}`}
                    onClick={() => onDelete(item)}
                  >
                    Delete
                  </button>
                </div>
              </td>
            )}
          </tr>
        );
      })}
    </DataTable>
  );
}

import { ApiError } from '@kpi/web-ui/api';
import { EmptyState, ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { useMemo, useState } from 'react';
import styles from '../alerts/inbox.module.css';
import { formatTime, NotAllowed, TenantPicker, useTenantScope } from '../alerts/tenant-scope';
import { LoadOlder } from '../audit/LoadOlder';
import { usePagedList } from '../audit/usePagedList';
import monitor from '../monitor.module.css';
import { timeAgo } from '../monitoring-api';
import { MessageDialog } from '../outbox/MessageDialog';
import outbox from '../outbox/outbox.module.css';
import {
  countByStatus,
  DEFAULT_OUTBOX_FILTER,
  filterOutbox,
  KIND_LABELS,
  KINDS,
  type NotificationRecord,
  type OutboxFilter,
  STATUS_LABELS,
  STATUSES,
} from '../outbox/outbox-filter';

const statusTone: Record<NotificationRecord['status'], string | undefined> = {
  sent: styles.ok,
  silenced: styles.brand,
  'rate-limited': styles.warn,
  flapping: styles.warn,
  'no-recipients': styles.danger,
};

/** The e-mail outbox: every notification sent or held back, with its message. */
export default function OutboxPage() {
  const scope = useTenantScope({ allowAll: true });
  const path = scope.tenantId
    ? `monitoring/tenants/${encodeURIComponent(scope.tenantId)}/notifications`
    : scope.isStaff
      ? 'monitoring/notifications'
      : undefined;
  const list = usePagedList<NotificationRecord>(path, { pageSize: 50, refreshMs: 10_000 });
  const [filter, setFilter] = useState<OutboxFilter>(DEFAULT_OUTBOX_FILTER);
  const [open, setOpen] = useState<NotificationRecord>();
  const shown = useMemo(() => filterOutbox(list.items, filter), [list.items, filter]);
  const counts = useMemo(() => countByStatus(list.items), [list.items]);
  const { first } = list;

  if (!scope.canManage) return <NotAllowed />;
  if (first.error instanceof ApiError && first.error.status === 403) {
    return <NotAllowed requestId={first.error.requestId} />;
  }
  if (!path) return <EmptyState title="No tenant">Your account belongs to no tenant.</EmptyState>;
  const now = Date.now();

  return (
    <>
      <div className={monitor.toolbar}>
        <h1>Outbox</h1>
        <span className={monitor.live}>
          updated {first.updatedAt ? first.updatedAt.toLocaleTimeString() : '—'} · every 10 s
        </span>
      </div>
      <search className={styles.filters} aria-label="Filter the outbox">
        <TenantPicker scope={scope} allowAll />
        <label className={styles.field}>
          <span>Status</span>
          <select
            value={filter.status}
            onChange={(e) => setFilter((f) => ({ ...f, status: e.target.value as OutboxFilter['status'] }))}
          >
            <option value="all">All</option>
            <option value="skipped">Skipped (any reason)</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>Kind</span>
          <select
            value={filter.kind}
            onChange={(e) => setFilter((f) => ({ ...f, kind: e.target.value as OutboxFilter['kind'] }))}
          >
            <option value="all">All</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className={`${styles.field} ${styles.grow}`}>
          <span>Search</span>
          <input
            type="search"
            value={filter.text}
            placeholder="Subject, recipient, alert id…"
            onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))}
          />
        </label>
      </search>
      {first.loading ? (
        <Loading label="Loading the outbox…" />
      ) : !first.data ? (
        <ErrorPanel
          title="The outbox could not be loaded"
          error={first.error}
          action={{ label: 'Retry', onClick: first.reload }}
        />
      ) : (
        <>
          <div className={outbox.tiles}>
            {STATUSES.map((s) => (
              <div key={s} className={monitor.tile}>
                <div className={monitor.tileLabel}>{STATUS_LABELS[s]}</div>
                <div className={monitor.tileValue}>{counts[s]}</div>
              </div>
            ))}
          </div>
          <Panel title="Notifications" subtitle={`${shown.length} of ${list.items.length} loaded`} flush>
            {shown.length === 0 ? (
              <EmptyState title={list.items.length === 0 ? 'No notifications yet' : 'Nothing matches'}>
                {list.items.length === 0
                  ? 'E-mails about alerts, and the ones held back, are listed here.'
                  : 'Change the filters to see more.'}
              </EmptyState>
            ) : (
              <table className={monitor.table} aria-label="Notifications">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Status</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Recipient</th>
                    <th scope="col">Subject</th>
                    <th scope="col">Message</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <tr key={r.id} data-testid="notification-row" data-status={r.status}>
                      <td title={r.at} style={{ whiteSpace: 'nowrap' }}>
                        {formatTime(r.at)}
                        <div className={styles.summary}>{timeAgo(r.at, now)}</div>
                      </td>
                      <td>
                        <span className={`${styles.pill} ${statusTone[r.status] ?? ''}`}>
                          {STATUS_LABELS[r.status]}
                        </span>
                      </td>
                      <td>{KIND_LABELS[r.kind] ?? r.kind}</td>
                      <td>{r.recipient ?? <span className={styles.summary}>none</span>}</td>
                      <td>
                        {r.subject}
                        {scope.tenantId === undefined && <div className={styles.summary}>{r.tenantId}</div>}
                      </td>
                      <td>
                        <button
                          type="button"
                          className={`kpi-button ${styles.small}`}
                          onClick={() => setOpen(r)}
                        >
                          View
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <LoadOlder list={list} />
          </Panel>
        </>
      )}
      {open && <MessageDialog record={open} onClose={() => setOpen(undefined)} />}
    </>
  );
}

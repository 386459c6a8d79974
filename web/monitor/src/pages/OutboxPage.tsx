import { EmptyState, Panel } from '@kpi/web-ui/layout';
import { useMemo, useState } from 'react';
import { Badge, type Tone } from '../common/Badge';
import { CountTile } from '../common/CountTile';
import { DataTable } from '../common/DataTable';
import { FilterBar, FilterSearch, FilterSelect } from '../common/FilterFields';
import form from '../common/form.module.css';
import { UpdatedNote } from '../common/LiveIndicator';
import { Loaded } from '../common/Loaded';
import { LoadOlder } from '../common/LoadOlder';
import { NotAllowed } from '../common/NotAllowed';
import monitor from '../common/page.module.css';
import { refusal } from '../common/refusal';
import { TenantPicker, useTenantChoice } from '../common/tenant-choice';
import text from '../common/text.module.css';
import { useNewestFirstList } from '../common/useNewestFirstList';
import { WhenCell } from '../common/WhenCell';
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

/** The first page of the outbox is read again on this period. */
const REFRESH_MS = 10_000;

const statusTone: Record<NotificationRecord['status'], Tone | undefined> = {
  sent: 'ok',
  silenced: 'brand',
  'rate-limited': 'warn',
  flapping: 'warn',
  'no-recipients': 'danger',
};

/** The e-mail outbox: every notification sent or held back, with its message. */
export default function OutboxPage() {
  const choice = useTenantChoice({ allowAll: true });
  const path = choice.tenantId
    ? `monitoring/tenants/${encodeURIComponent(choice.tenantId)}/notifications`
    : choice.isStaff
      ? 'monitoring/notifications'
      : undefined;
  const list = useNewestFirstList<NotificationRecord>(path, { pageSize: 50, refreshMs: REFRESH_MS });
  const [filter, setFilter] = useState<OutboxFilter>(DEFAULT_OUTBOX_FILTER);
  const [open, setOpen] = useState<NotificationRecord>();
  const shown = useMemo(() => filterOutbox(list.items, filter), [list.items, filter]);
  const counts = useMemo(() => countByStatus(list.items), [list.items]);
  const { first } = list;

  if (!choice.canManage) return <NotAllowed />;
  const refused = refusal(first.error);
  if (refused) return <NotAllowed requestId={refused.requestId} />;
  if (!path) return <EmptyState title="No tenant">Your account belongs to no tenant.</EmptyState>;
  const now = Date.now();

  return (
    <>
      <div className={monitor.toolbar}>
        <h1>Outbox</h1>
        <UpdatedNote updatedAt={first.updatedAt} refreshMs={REFRESH_MS} />
      </div>
      <FilterBar label="Filter the outbox">
        <TenantPicker choice={choice} allowAll />
        <FilterSelect
          label="Status"
          value={filter.status}
          onChange={(status) => setFilter((f) => ({ ...f, status }))}
          choices={STATUSES}
          labelOf={(s) => STATUS_LABELS[s]}
        >
          <option value="all">All</option>
          <option value="skipped">Skipped (any reason)</option>
        </FilterSelect>
        <FilterSelect
          label="Kind"
          value={filter.kind}
          onChange={(kind) => setFilter((f) => ({ ...f, kind }))}
          choices={KINDS}
          labelOf={(k) => KIND_LABELS[k]}
        >
          <option value="all">All</option>
        </FilterSelect>
        <FilterSearch
          label="Search"
          value={filter.text}
          placeholder="Subject, recipient, alert id…"
          onChange={(text) => setFilter((f) => ({ ...f, text }))}
          grow
        />
      </FilterBar>
      <Loaded state={first} loadingLabel="Loading the outbox…" errorTitle="The outbox could not be loaded">
        {() => (
          <>
            <div className={outbox.tiles}>
              {STATUSES.map((s) => (
                <CountTile key={s} label={STATUS_LABELS[s]} value={counts[s]} />
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
                <DataTable
                  className={monitor.table}
                  label="Notifications"
                  columns={['When', 'Status', 'Kind', 'Recipient', 'Subject', 'Message']}
                >
                  {shown.map((r) => (
                    <tr key={r.id} data-testid="notification-row" data-status={r.status}>
                      <WhenCell at={r.at} now={now} />
                      <td>
                        <Badge tone={statusTone[r.status]}>{STATUS_LABELS[r.status]}</Badge>
                      </td>
                      <td>{KIND_LABELS[r.kind] ?? r.kind}</td>
                      <td>{r.recipient ?? <span className={text.summary}>none</span>}</td>
                      <td>
                        {r.subject}
                        {choice.tenantId === undefined && <div className={text.summary}>{r.tenantId}</div>}
                      </td>
                      <td>
                        <button
                          type="button"
                          className={`kpi-button ${form.small}`}
                          onClick={() => setOpen(r)}
                        >
                          View
                        </button>
                      </td>
                    </tr>
                  ))}
                </DataTable>
              )}
              <LoadOlder list={list} />
            </Panel>
          </>
        )}
      </Loaded>
      {open && <MessageDialog record={open} onClose={() => setOpen(undefined)} />}
    </>
  );
}

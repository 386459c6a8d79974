import { EmptyState, Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useMemo, useState } from 'react';
import {
  type AuditEntry,
  type AuditFilter,
  actionLabel,
  actionOptions,
  DEFAULT_AUDIT_FILTER,
  filterAudit,
} from '../audit/audit-filter';
import { Badge } from '../common/Badge';
import { DataTable } from '../common/DataTable';
import { FilterBar, FilterSearch, FilterSelect } from '../common/FilterFields';
import { UpdatedNote } from '../common/LiveIndicator';
import { Loaded } from '../common/Loaded';
import { LoadOlder } from '../common/LoadOlder';
import { NotAllowed } from '../common/NotAllowed';
import monitor from '../common/page.module.css';
import { refusal } from '../common/refusal';
import { ChooseTenant, TenantPicker, useTenantChoice } from '../common/tenant-choice';
import text from '../common/text.module.css';
import { useNewestFirstList } from '../common/useNewestFirstList';
import { WhenCell } from '../common/WhenCell';

/** The first page of the log is read again on this period. */
const REFRESH_MS = 15_000;

/** Who did what when on one tenant: alert actions, commands, silences, windows, settings. Paged, filterable. */
export default function AuditPage() {
  const choice = useTenantChoice({ allowAll: false });
  const path = choice.tenantId
    ? `monitoring/tenants/${encodeURIComponent(choice.tenantId)}/audit`
    : undefined;
  const list = useNewestFirstList<AuditEntry>(path, { pageSize: 50, refreshMs: REFRESH_MS });
  const [filter, setFilter] = useState<AuditFilter>(DEFAULT_AUDIT_FILTER);
  const shown = useMemo(() => filterAudit(list.items, filter), [list.items, filter]);
  const options = useMemo(() => actionOptions(list.items), [list.items]);
  const { first } = list;

  if (!choice.canManage) return <NotAllowed />;
  const refused = refusal(first.error);
  if (refused) return <NotAllowed requestId={refused.requestId} />;
  const filtered = filter.action !== '' || filter.actor.trim() !== '' || filter.text.trim() !== '';

  return (
    <>
      <div className={monitor.toolbar}>
        <h1>Audit log</h1>
        <UpdatedNote updatedAt={first.updatedAt} refreshMs={REFRESH_MS} />
      </div>
      <FilterBar label="Filter the audit log">
        <TenantPicker choice={choice} allowAll={false} />
        <FilterSelect
          label="Action"
          value={filter.action}
          onChange={(action) => setFilter((f) => ({ ...f, action }))}
          choices={options.actions}
          labelOf={actionLabel}
        >
          <option value="">All</option>
          {options.families.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a.slice(0, -1))} (all)
            </option>
          ))}
        </FilterSelect>
        <FilterSearch
          label="Who"
          value={filter.actor}
          placeholder="e-mail or deployment"
          onChange={(actor) => setFilter((f) => ({ ...f, actor }))}
        />
        <FilterSearch
          label="Search"
          value={filter.text}
          placeholder="Target, deployment, details…"
          onChange={(text) => setFilter((f) => ({ ...f, text }))}
          grow
        />
      </FilterBar>
      {!path ? (
        <ChooseTenant choice={choice}>The audit log belongs to one tenant.</ChooseTenant>
      ) : (
        <Loaded
          state={first}
          loadingLabel="Loading the audit log…"
          errorTitle="The audit log could not be loaded"
        >
          {() => (
            <Panel
              title="Entries"
              subtitle={
                filtered
                  ? `${shown.length} of ${list.items.length} loaded match${list.hasMore ? ' · load older entries to search further' : ''}`
                  : `${list.items.length} loaded, newest first`
              }
              flush
            >
              {shown.length === 0 ? (
                <EmptyState title={list.items.length === 0 ? 'Nothing recorded yet' : 'Nothing matches'}>
                  {list.items.length === 0
                    ? 'Acknowledgements, commands, silences and settings changes are recorded here.'
                    : 'Change the filters, or load older entries.'}
                </EmptyState>
              ) : (
                <AuditTable entries={shown} tenantId={path ? (choice.tenantId ?? '') : ''} />
              )}
              <LoadOlder list={list} />
            </Panel>
          )}
        </Loaded>
      )}
    </>
  );
}

function AuditTable({ entries, tenantId }: { entries: AuditEntry[]; tenantId: string }) {
  const now = Date.now();
  return (
    <DataTable
      className={monitor.table}
      label="Audit entries"
      columns={['When', 'Who', 'Action', 'Target', 'Details']}
    >
      {entries.map((e) => (
        <tr key={e.id} data-testid="audit-row" data-action={e.action}>
          <WhenCell at={e.at} now={now} />
          <td>{e.actor}</td>
          <td>
            <Badge tone="brand">{actionLabel(e.action)}</Badge>
          </td>
          <td>
            {e.target !== e.deploymentId && (
              <code className={text.mono} style={{ fontSize: 12 }}>
                {e.target}
              </code>
            )}
            {e.deploymentId && (
              <div>
                <Link
                  to={`/deployment?tenant=${encodeURIComponent(tenantId)}&id=${encodeURIComponent(e.deploymentId)}`}
                >
                  {e.deploymentId}
                </Link>
              </div>
            )}
          </td>
          <td>{e.details && Object.keys(e.details).length > 0 ? <Details details={e.details} /> : '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** A one-line digest of the details, expandable to the full JSON. */
function Details({ details }: { details: Record<string, unknown> }) {
  const digest = Object.entries(details)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
  return (
    <details className={monitor.data}>
      <summary>{digest ? (digest.length > 80 ? `${digest.slice(0, 79)}…` : digest) : 'Show'}</summary>
      <pre>{JSON.stringify(details, null, 2)}</pre>
    </details>
  );
}

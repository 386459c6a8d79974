import { Options } from '@kpi/web-ui/forms';
import { EmptyState, Panel } from '@kpi/web-ui/layout';
import { Link, navigate } from '@kpi/web-ui/routing';
import { useId, useState } from 'react';
import { DataTable } from '../common/DataTable';
import { timeAgo } from '../monitoring-api';
import styles from './fleet.module.css';
import {
  appVersionOf,
  type Deployment,
  type DeploymentStatus,
  deploymentPath,
  emptyFilter,
  type FleetFilter,
  latestErrorRate,
  STATUS_ORDER,
  statusStyle,
} from './fleet-model';
import { pageOf } from './fleet-paging';
import { StatusPill } from './StatusPill';

export interface FleetTableProps {
  /** Deployments matching the filter, in display order. */
  rows: Deployment[];
  /** How many deployments there are before filtering. */
  total: number;
  filter: FleetFilter;
  onFilter(filter: FleetFilter): void;
  /** Tenants to filter on; the tenant filter is hidden when there is only one. */
  tenants: string[];
  /** App versions to filter on. */
  versions: string[];
  now: number;
}

/** The filterable, searchable list of deployments; a row opens the deployment. */
export function FleetTable({ rows, total, filter, onFilter, tenants, versions, now }: FleetTableProps) {
  const set = <K extends keyof FleetFilter>(key: K, value: FleetFilter[K]) =>
    onFilter({ ...filter, [key]: value });
  const id = useId();
  const filtered = filter.status || filter.tenant || filter.version || filter.text;
  // Pages of 100 after filtering; a new filter starts on its first page.
  const filterKey = `${filter.status}|${filter.tenant}|${filter.version}|${filter.text}`;
  const [paging, setPaging] = useState({ key: filterKey, page: 0 });
  const shown = pageOf(rows, paging.key === filterKey ? paging.page : 0);
  const goTo = (page: number) => setPaging({ key: filterKey, page });
  return (
    <Panel
      title="Deployments"
      subtitle={filtered ? `${rows.length} of ${total}` : `${total}`}
      actions={
        filtered ? (
          <button type="button" className="kpi-button" onClick={() => onFilter(emptyFilter)}>
            Clear filters
          </button>
        ) : undefined
      }
      flush
    >
      <form className={styles.filters} aria-label="Filter deployments" onSubmit={(e) => e.preventDefault()}>
        <div className={styles.field}>
          <label htmlFor={`${id}-search`}>Search</label>
          <input
            id={`${id}-search`}
            type="search"
            placeholder="Id, name, tenant, version…"
            value={filter.text}
            onChange={(e) => set('text', e.target.value)}
          />
        </div>
        <div className={styles.field}>
          <label htmlFor={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            value={filter.status}
            onChange={(e) => set('status', e.target.value as DeploymentStatus | '')}
          >
            <option value="">Any status</option>
            <Options items={STATUS_ORDER} label={(s) => statusStyle(s).label} />
          </select>
        </div>
        {tenants.length > 1 && (
          <div className={styles.field}>
            <label htmlFor={`${id}-tenant`}>Tenant</label>
            <select id={`${id}-tenant`} value={filter.tenant} onChange={(e) => set('tenant', e.target.value)}>
              <option value="">Any tenant</option>
              <Options items={tenants} />
            </select>
          </div>
        )}
        <div className={styles.field}>
          <label htmlFor={`${id}-version`}>Version</label>
          <select
            id={`${id}-version`}
            value={filter.version}
            onChange={(e) => set('version', e.target.value)}
          >
            <option value="">Any version</option>
            <Options items={versions} />
          </select>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="No deployment matches">Change or clear the filters.</EmptyState>
      ) : (
        <DataTable
          className={styles.table}
          label="Deployments"
          columns={[
            'Deployment',
            'Tenant',
            'Status',
            'Version',
            'Last heartbeat',
            { key: 'p95', label: 'p95', className: styles.num },
            { key: 'errors', label: 'Errors', className: styles.num },
            { key: 'memory', label: 'Memory', className: styles.num },
          ]}
        >
          {shown.items.map((d) => (
            <Row key={`${d.tenantId}/${d.id}`} d={d} now={now} />
          ))}
        </DataTable>
      )}
      {shown.pages > 1 && (
        <nav className={styles.note} aria-label="Deployment pages">
          <button
            type="button"
            className="kpi-button"
            onClick={() => goTo(shown.page - 1)}
            disabled={shown.page === 0}
          >
            Previous
          </button>{' '}
          <span data-testid="table-range">
            {shown.from}–{shown.to} of {rows.length}
          </span>{' '}
          <button
            type="button"
            className="kpi-button"
            onClick={() => goTo(shown.page + 1)}
            disabled={shown.page === shown.pages - 1}
          >
            Next
          </button>
        </nav>
      )}
    </Panel>
  );
}

function Row({ d, now }: { d: Deployment; now: number }) {
  const hb = d.lastHeartbeat;
  const rate = latestErrorRate(d);
  return (
    <tr data-testid="deployment-row" data-deployment-id={d.id} onClick={() => navigate(deploymentPath(d))}>
      <td>
        <Link to={deploymentPath(d)} onClick={(e) => e.stopPropagation()}>
          {d.name ?? d.id}
        </Link>
        {d.name && <div className={`${styles.mono} ${styles.muted}`}>{d.id}</div>}
      </td>
      <td>{d.tenantId}</td>
      <td>
        <StatusPill status={d.status} />{' '}
        <span className={styles.muted} title={d.statusSince}>
          {timeAgo(d.statusSince, now)}
        </span>
      </td>
      <td className={styles.mono}>{appVersionOf(d) || '—'}</td>
      <td title={d.lastHeartbeatAt}>{d.lastHeartbeatAt ? timeAgo(d.lastHeartbeatAt, now) : 'never'}</td>
      <td className={styles.num}>{hb ? `${Math.round(hb.p95Ms)} ms` : '—'}</td>
      <td className={styles.num}>{rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`}</td>
      <td className={styles.num}>{hb ? `${Math.round(hb.memoryRssMb)} MB` : '—'}</td>
    </tr>
  );
}

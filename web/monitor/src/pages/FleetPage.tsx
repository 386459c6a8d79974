import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import { ApiError } from '@kpi/web-ui/api';
import { useAuth } from '@kpi/web-ui/auth';
import { EmptyState, ErrorPanel, Forbidden, Loading, Panel } from '@kpi/web-ui/layout';
import { navigate, useLocation } from '@kpi/web-ui/routing';
import { useMemo } from 'react';
import { FleetTable } from '../fleet/FleetTable';
import styles from '../fleet/fleet.module.css';
import { fleetAccess, fleetAudience } from '../fleet/fleet-access';
import {
  countByStatus,
  type FleetFilter,
  filterDeployments,
  groupByTenant,
  tenantsOf,
  versionsOf,
} from '../fleet/fleet-model';
import { filterFromSearch, searchFromFilter } from '../fleet/fleet-query';
import { LiveIndicator } from '../fleet/LiveIndicator';
import { StatusGrid } from '../fleet/StatusGrid';
import { StatusTiles } from '../fleet/StatusTiles';
import { TenantCounts } from '../fleet/TenantCounts';
import { usePagedList } from '../fleet/usePagedList';

/** The fleet is read again on this period: a status change shows without a reload. */
export const FLEET_REFRESH_MS = 5_000;

/**
 * Fleet overview: counts by status (in total and per tenant), the status grid and the filterable list.
 * Vendor staff see every tenant; a tenant admin reads only their own tenant's route.
 */
export default function FleetPage() {
  const { user } = useAuth();
  const access = fleetAccess(user);
  const { search } = useLocation();
  const filter = filterFromSearch(search);
  const path = !access.canView
    ? undefined
    : access.isStaff
      ? 'monitoring/deployments?limit=100'
      : `monitoring/tenants/${encodeURIComponent(access.tenantId ?? '')}/deployments?limit=100`;
  const fleet = usePagedList<Deployment>(path, { refreshMs: FLEET_REFRESH_MS });
  const all = fleet.data?.items;
  const derived = useMemo(() => {
    if (!all) return undefined;
    return {
      groups: groupByTenant(all),
      counts: countByStatus(all),
      tenants: tenantsOf(all),
      versions: versionsOf(all),
    };
  }, [all]);
  const rows = useMemo(
    () =>
      derived
        ? filterDeployments(
            derived.groups.flatMap((g) => g.deployments),
            filter,
          )
        : [],
    // The filter is rebuilt from the query string on each render; its fields are the real inputs.
    [derived, filter.status, filter.tenant, filter.version, filter.text],
  );
  const setFilter = (next: FleetFilter) => navigate(`/${searchFromFilter(next)}`, { replace: true });

  if (!access.canView) return <Forbidden allowed={fleetAudience} />;
  if (fleet.error instanceof ApiError && fleet.error.status === 403) {
    return <Forbidden allowed={fleetAudience} requestId={fleet.error.requestId} />;
  }
  if (fleet.loading) return <Loading label="Loading the fleet…" />;
  if (!fleet.data || !derived) {
    return (
      <ErrorPanel
        title="The fleet could not be loaded"
        error={fleet.error}
        action={{ label: 'Retry', onClick: fleet.reload }}
      />
    );
  }
  const now = Date.now();
  const scope = access.isStaff ? 'every tenant' : `tenant ${access.tenantId}`;
  return (
    <>
      <div className={styles.toolbar}>
        <h1>Fleet</h1>
        <span className={styles.muted}>{scope}</span>
        <LiveIndicator updatedAt={fleet.updatedAt} stale={!!fleet.error} refreshMs={FLEET_REFRESH_MS} />
      </div>
      {fleet.error && (
        <div className={styles.warning} role="status">
          {fleet.error.message}
          {fleet.error instanceof ApiError && fleet.error.requestId
            ? ` (request id ${fleet.error.requestId})`
            : ''}
        </div>
      )}
      {!fleet.data.complete && (
        <div className={styles.warning} role="status">
          The fleet is larger than one view holds: showing the first {all?.length} deployments.
        </div>
      )}
      {derived.counts.total === 0 ? (
        <Panel title="Deployments">
          <EmptyState title="No deployments yet" icon="◌">
            A deployment appears here with its first heartbeat, after it has been activated with its licence
            key.
          </EmptyState>
        </Panel>
      ) : (
        <>
          <StatusTiles
            counts={derived.counts}
            active={filter.status}
            onSelect={(status) => setFilter({ ...filter, status })}
          />
          {derived.groups.length > 1 ? (
            <div className={styles.columns}>
              <Panel title="Status grid" subtitle="one cell per deployment, by tenant">
                <StatusGrid groups={derived.groups} now={now} />
              </Panel>
              <TenantCounts groups={derived.groups} />
            </div>
          ) : (
            // One tenant: its counts are the tiles above, so the grid takes the whole row.
            <div className={styles.single}>
              <Panel title="Status grid" subtitle="one cell per deployment">
                <StatusGrid groups={derived.groups} now={now} />
              </Panel>
            </div>
          )}
          <FleetTable
            rows={rows}
            total={derived.counts.total}
            filter={filter}
            onFilter={setFilter}
            tenants={derived.tenants}
            versions={derived.versions}
            now={now}
          />
        </>
      )}
    </>
  );
}

import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import { ApiError } from '@kpi/web-ui/api';
import { useAuth } from '@kpi/web-ui/auth';
import { EmptyState, ErrorPanel, Forbidden, Loading, Panel } from '@kpi/web-ui/layout';
import { navigate, useLocation } from '@kpi/web-ui/routing';
import { useMemo } from 'react';
import { LiveIndicator } from '../common/LiveIndicator';
import { refusal } from '../common/refusal';
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
import { summaryKey } from '../fleet/fleet-paging';
import { filterFromSearch, searchFromFilter } from '../fleet/fleet-query';
import { StatusGrid } from '../fleet/StatusGrid';
import { StatusTiles } from '../fleet/StatusTiles';
import { TenantCounts } from '../fleet/TenantCounts';
import { useFleetSummary } from '../fleet/useFleetSummary';
import { useWholeList } from '../fleet/useWholeList';

/** The counts (the summary endpoint, one small response) are read again on this period. */
export const FLEET_REFRESH_MS = 5_000;
/**
 * The whole list (up to 100 requests of 100 at 10,000 deployments; the API caps `limit` at 100 and has no
 * `updatedSince` filter) is read again on this period, and at once whenever the summary's counts change,
 * which is how a new deployment or a status change shows within one summary poll.
 */
export const FLEET_LIST_REFRESH_MS = 30_000;
/** Pages of 100 read at most: 12,000 deployments. */
const MAX_LIST_PAGES = 120;

/**
 * Fleet overview: counts by status (in total and per tenant), the status grid and the filterable list.
 * Vendor staff see every tenant; a tenant admin reads only their own tenant's route.
 */
export default function FleetPage() {
  const { user } = useAuth();
  const access = fleetAccess(user);
  const { search } = useLocation();
  const filter = filterFromSearch(search);
  const tenantPath = `monitoring/tenants/${encodeURIComponent(access.tenantId ?? '')}`;
  const path = !access.canView
    ? undefined
    : access.isStaff
      ? 'monitoring/deployments?limit=100'
      : `${tenantPath}/deployments?limit=100`;
  const summaryPath = !access.canView
    ? undefined
    : access.isStaff
      ? 'monitoring/fleet-summary'
      : `${tenantPath}/fleet-summary`;
  const { summary, error: summaryError } = useFleetSummary(summaryPath, access.tenantId, FLEET_REFRESH_MS);
  const staleKey = summary ? summaryKey(summary.tenants) : undefined;
  const fleet = useWholeList<Deployment>(path, {
    refreshMs: FLEET_LIST_REFRESH_MS,
    maxPages: MAX_LIST_PAGES,
    staleKey,
    // A busy fleet changes counts on most polls: read the list at most every 5 s, not back to back.
    minGapMs: FLEET_REFRESH_MS,
  });
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
  // Exact counts come from the summary; the loaded list stands in only until the first summary arrives.
  const counts = summary?.counts ?? derived?.counts;
  const tenantCounts = summary?.tenants ?? derived?.groups;
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
  const refused = refusal(fleet.error);
  if (refused) return <Forbidden allowed={fleetAudience} requestId={refused.requestId} />;
  if (fleet.loading) return <Loading label="Loading the fleet…" />;
  if (!fleet.data || !derived || !counts || !tenantCounts) {
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
      {(fleet.error ?? summaryError) && (
        <div className={styles.warning} role="status">
          {(fleet.error ?? summaryError)?.message}
          {fleet.error instanceof ApiError && fleet.error.requestId
            ? ` (request id ${fleet.error.requestId})`
            : ''}
        </div>
      )}
      {!fleet.data.complete && (
        <div className={styles.warning} role="status">
          The fleet is larger than one view holds: the counts are complete, the grid and the list show the
          first {all?.length} deployments.
        </div>
      )}
      {counts.total === 0 && derived.counts.total === 0 ? (
        <Panel title="Deployments">
          <EmptyState title="No deployments yet" icon="◌">
            A deployment appears here with its first heartbeat, after it has been activated with its licence
            key.
          </EmptyState>
        </Panel>
      ) : (
        <>
          <StatusTiles
            counts={counts}
            active={filter.status}
            onSelect={(status) => setFilter({ ...filter, status })}
          />
          {tenantCounts.length > 1 ? (
            <div className={styles.columns}>
              <Panel title="Status grid" subtitle="one cell per deployment, by tenant">
                <StatusGrid groups={derived.groups} now={now} />
              </Panel>
              <TenantCounts groups={tenantCounts} />
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

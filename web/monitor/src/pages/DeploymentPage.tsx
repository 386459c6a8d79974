import type { Alert } from '@kpi/shared/contracts/monitoring-alert';
import type { RemoteCommand } from '@kpi/shared/contracts/monitoring-command';
import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import { ApiError, useApi } from '@kpi/web-ui/api';
import { useAuth } from '@kpi/web-ui/auth';
import { Options } from '@kpi/web-ui/forms';
import { EmptyState, ErrorPanel, Forbidden, Loading, Panel } from '@kpi/web-ui/layout';
import { Link, useLocation } from '@kpi/web-ui/routing';
import { useMemo, useState } from 'react';
import { LiveIndicator } from '../common/LiveIndicator';
import { refusal } from '../common/refusal';
import { CommandsPanel } from '../deployment/CommandsPanel';
import { DeploymentAlerts } from '../deployment/DeploymentAlerts';
import { DeploymentHeader } from '../deployment/DeploymentHeader';
import styles from '../deployment/deployment.module.css';
import { HeartbeatTimeline } from '../deployment/HeartbeatTimeline';
import { MetricCharts } from '../deployment/MetricCharts';
import { RecentErrors } from '../deployment/RecentErrors';
import { buildSeries, clampZoom, mergeErrors, timeDomain } from '../deployment/series';
import { useHeartbeatHistory } from '../deployment/useHeartbeatHistory';
import { fleetAccess, fleetAudience } from '../fleet/fleet-access';

/** The page polls on this period, like the fleet overview. */
const REFRESH_MS = 5_000;

const WINDOWS = [
  { label: 'Last hour', ms: 3600_000 },
  { label: 'Last 6 hours', ms: 6 * 3600_000 },
  { label: 'Last 24 hours', ms: 24 * 3600_000 },
];

/** Deployment detail: `/deployment?tenant=<tenant>&id=<deployment id>`. */
export default function DeploymentPage() {
  const { search } = useLocation();
  const q = new URLSearchParams(search);
  const tenant = q.get('tenant') ?? '';
  const id = q.get('id') ?? '';
  if (!tenant || !id) {
    return (
      <EmptyState title="No deployment chosen">
        Open a deployment from the <Link to="/">fleet overview</Link>.
      </EmptyState>
    );
  }
  // Keyed so that moving to another deployment starts with fresh state (zoom, forms, history).
  return <Detail key={`${tenant}/${id}`} tenant={tenant} id={id} />;
}

function Detail({ tenant, id }: { tenant: string; id: string }) {
  const { user } = useAuth();
  const access = fleetAccess(user);
  const [windowMs, setWindowMs] = useState(6 * 3600_000);
  const base = `monitoring/tenants/${encodeURIComponent(tenant)}/deployments/${encodeURIComponent(id)}`;
  const allowed = access.canView && (access.isStaff || access.tenantId === tenant);
  const deployment = useApi<Deployment>(allowed ? base : undefined, { refreshMs: REFRESH_MS });
  const history = useHeartbeatHistory(allowed ? `${base}/heartbeats` : undefined, windowMs, {
    refreshMs: REFRESH_MS,
  });
  const tenantBase = `monitoring/tenants/${encodeURIComponent(tenant)}`;
  const alerts = useApi<{ items: Alert[] }>(
    allowed ? `${tenantBase}/alerts?deploymentId=${encodeURIComponent(id)}&limit=50` : undefined,
    { refreshMs: REFRESH_MS },
  );
  const commands = useApi<{ items: RemoteCommand[] }>(
    allowed ? `${tenantBase}/commands?deploymentId=${encodeURIComponent(id)}&limit=25` : undefined,
    { refreshMs: REFRESH_MS },
  );
  const [saved, setSaved] = useState<Deployment | undefined>();
  const [selection, setSelection] = useState<[number, number] | undefined>();

  const items = history.items;
  const points = useMemo(() => buildSeries(items ?? []), [items]);
  const errors = useMemo(() => mergeErrors(items ?? []), [items]);
  // "Now" moves with each refresh, not with each render, so the charts stay put between reads.
  const now = history.updatedAt?.getTime() ?? 0;
  const domain = useMemo(() => timeDomain(points, now - windowMs, now), [points, now, windowMs]);

  if (!allowed) return <Forbidden allowed={fleetAudience} />;
  const refused = refusal(deployment.error);
  if (refused) return <Forbidden allowed={fleetAudience} requestId={refused.requestId} />;
  if (deployment.loading) return <Loading label="Loading the deployment…" />;
  if (!deployment.data) {
    const missing = deployment.error instanceof ApiError && deployment.error.status === 404;
    return (
      <>
        <Link to="/" className={styles.back}>
          ← Fleet
        </Link>
        <ErrorPanel
          title={missing ? 'Deployment not found' : 'The deployment could not be loaded'}
          error={deployment.error}
          action={missing ? undefined : { label: 'Retry', onClick: deployment.reload }}
        />
      </>
    );
  }
  // A saved settings change shows at once, until the next read brings it anyway.
  const d = saved && saved.updatedAt > deployment.data.updatedAt ? saved : deployment.data;
  const renderNow = Date.now();
  const stale = deployment.error ?? history.error;
  return (
    <>
      <Link to="/" className={styles.back}>
        ← Fleet
      </Link>
      <DeploymentHeader
        deployment={d}
        now={renderNow}
        canEdit={access.canEditSettings}
        onSaved={(next) => {
          setSaved(next);
          deployment.reload();
        }}
      />
      <div className={styles.toolbar}>
        <label>
          Window
          <select value={windowMs} onChange={(e) => setWindowMs(Number(e.target.value))}>
            <Options items={WINDOWS} value={(w) => w.ms} label={(w) => w.label} />
          </select>
        </label>
        {!history.complete && (
          <span className={styles.muted}>the oldest heartbeats of this window are not shown</span>
        )}
        <LiveIndicator updatedAt={deployment.updatedAt} stale={!!stale} refreshMs={REFRESH_MS} />
      </div>
      {stale && (
        <div className={styles.warning} role="status">
          {stale.message}
        </div>
      )}
      <div className={styles.stack}>
        <Panel title="Heartbeats" subtitle={history.items ? `${points.length} in the window` : undefined}>
          {history.loading ? (
            <Loading label="Loading heartbeats…" />
          ) : !history.items ? (
            <ErrorPanel
              title="Heartbeats could not be loaded"
              error={history.error}
              action={{ label: 'Retry', onClick: history.reload }}
            />
          ) : points.length === 0 ? (
            <EmptyState title="No heartbeats in this window">
              {d.lastHeartbeatAt
                ? 'Choose a longer window to see older ones.'
                : 'The deployment has not reported yet.'}
            </EmptyState>
          ) : (
            <HeartbeatTimeline
              points={points}
              domain={domain}
              periodSeconds={d.periodSeconds}
              graceSeconds={d.graceSeconds}
              zoom={clampZoom(selection, domain)}
            />
          )}
        </Panel>
        {points.length > 0 && (
          <MetricCharts
            points={points}
            maxGapMs={(d.periodSeconds + d.graceSeconds) * 1000}
            domain={domain}
            selection={selection}
            onSelect={setSelection}
          />
        )}
        <div className={styles.columns}>
          <RecentErrors errors={errors} now={renderNow} />
          <DeploymentAlerts state={alerts} now={renderNow} />
        </div>
        <CommandsPanel
          tenantId={tenant}
          deploymentId={id}
          state={commands}
          canIssue={access.canIssueCommands}
          now={renderNow}
        />
      </div>
    </>
  );
}

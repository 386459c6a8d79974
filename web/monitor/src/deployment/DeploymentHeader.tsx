import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import { StatusPill } from '../fleet/StatusPill';
import { timeAgo } from '../monitoring-api';
import styles from './deployment.module.css';
import { SettingsForm } from './SettingsForm';
import { formatDuration } from './series';

export interface DeploymentHeaderProps {
  deployment: Deployment;
  now: number;
  /** Shows the settings form (tenant admins and staff). */
  canEdit: boolean;
  /** Called with the saved deployment. */
  onSaved(d: Deployment): void;
}

/** Who and what the deployment is: id, tenant, status and since when, versions, uptime and timing. */
export function DeploymentHeader({ deployment: d, now, canEdit, onSaved }: DeploymentHeaderProps) {
  const hb = d.lastHeartbeat;
  return (
    <section className={styles.header} aria-labelledby="deployment-title">
      <div className={styles.titleRow}>
        <h1 id="deployment-title">{d.name ?? d.id}</h1>
        <StatusPill status={d.status} />
        <span className={styles.muted} title={d.statusSince} data-testid="status-since">
          since {timeAgo(d.statusSince, now)}
        </span>
        {d.flapping && <span className={styles.flag}>flapping</span>}
      </div>
      <dl className={styles.facts}>
        <div>
          <dt>Deployment id</dt>
          <dd className={styles.mono} data-testid="deployment-id">
            {d.id}
          </dd>
        </div>
        <div>
          <dt>Tenant</dt>
          <dd>{d.tenantId}</dd>
        </div>
        <div>
          <dt>App version</dt>
          <dd className={styles.mono}>{hb?.appVersion ?? '—'}</dd>
        </div>
        <div>
          <dt>Catalog version</dt>
          <dd className={styles.mono}>{hb?.catalogVersion ?? '—'}</dd>
        </div>
        <div>
          <dt>Uptime</dt>
          <dd>{hb ? formatDuration(hb.uptimeSeconds) : '—'}</dd>
        </div>
        <div>
          <dt>Last heartbeat</dt>
          <dd title={d.lastHeartbeatAt}>{d.lastHeartbeatAt ? timeAgo(d.lastHeartbeatAt, now) : 'never'}</dd>
        </div>
        <div>
          <dt>Period · grace</dt>
          <dd data-testid="timing">
            {formatDuration(d.periodSeconds)} · {formatDuration(d.graceSeconds)}
          </dd>
        </div>
      </dl>
      {canEdit && <SettingsForm deployment={d} onSaved={onSaved} />}
    </section>
  );
}

import type { Alert } from '@kpi/shared/contracts/monitoring-alert';
import type { ApiState } from '@kpi/web-ui/api';
import { EmptyState, Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { Loaded } from '../common/Loaded';
import { timeAgo } from '../monitoring-api';
import styles from './deployment.module.css';

const severityColour = { critical: '#b3261e', warning: '#b26a00', info: '#2f5bd3' } as const;

/** The deployment's open and acknowledged alerts. */
export function DeploymentAlerts({ state, now }: { state: ApiState<{ items: Alert[] }>; now: number }) {
  const open = state.data?.items.filter((a) => a.state !== 'resolved') ?? [];
  return (
    <Panel
      title="Open alerts"
      subtitle={state.data ? String(open.length) : undefined}
      actions={<Link to="/alerts">Alert inbox</Link>}
      flush
    >
      <Loaded state={state} loadingLabel="Loading alerts…" errorTitle="Alerts could not be loaded">
        {() =>
          open.length === 0 ? (
            <EmptyState title="No open alerts" icon="✓" />
          ) : (
            <ul className={styles.alertList}>
              {open.map((a) => (
                <li key={a.id} data-testid="alert-item">
                  <span className={styles.severity} style={{ color: severityColour[a.severity] }}>
                    {a.severity}
                  </span>{' '}
                  <strong>{a.rule}</strong> — {a.summary}
                  <div className={styles.muted}>
                    opened {timeAgo(a.openedAt, now)}
                    {a.state === 'acknowledged' &&
                      ` · acknowledged by ${a.acknowledgedBy ?? '—'}${a.comment ? `: “${a.comment}”` : ''}`}
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Panel>
  );
}

import { ApiError, useApi } from '@kpi/web-ui/api';
import { ErrorPanel, Forbidden, Loading } from '@kpi/web-ui/layout';
import { CountTile } from '../common/CountTile';
import { LiveIndicator } from '../common/LiveIndicator';
import styles from '../common/page.module.css';
import { refusal } from '../common/refusal';
import {
  type EventsResponse,
  eventsPath,
  type HealthResponse,
  healthPath,
  refreshMs,
} from '../monitoring-api';
import { EventsPanel } from '../platform/EventsPanel';
import { HealthTable, LatencyChart } from '../platform/HealthPanel';

/** Platform health and events, refreshed every 10 s. Vendor staff only (the API answers 403 otherwise). */
export default function PlatformPage() {
  const health = useApi<HealthResponse>(healthPath, { refreshMs });
  const events = useApi<EventsResponse>(eventsPath, { refreshMs });
  const refused = refusal(health.error, events.error);
  if (refused) {
    return <Forbidden allowed="vendor staff (platform-admin or support)" requestId={refused.requestId} />;
  }
  if (health.loading || events.loading) return <Loading label="Loading platform status…" />;
  const failed = health.data ? events.error : health.error;
  if (!health.data || !events.data) {
    const reload = () => {
      health.reload();
      events.reload();
    };
    return (
      <ErrorPanel
        title="Platform status could not be loaded"
        error={failed}
        action={{ label: 'Retry', onClick: reload }}
      />
    );
  }
  const now = Date.now();
  const stale = health.error ?? events.error;
  const apps = health.data.items;
  const degraded = apps.filter((a) => a.status !== 'ok').length;
  const updatedAt = [health.updatedAt, events.updatedAt]
    .filter((d): d is Date => !!d)
    .sort((a, b) => +a - +b)[0];
  return (
    <>
      <div className={styles.toolbar}>
        <h1>Platform overview</h1>
        <LiveIndicator updatedAt={updatedAt} stale={!!stale} refreshMs={refreshMs} />
      </div>
      {stale && (
        <div className={styles.warning} role="status">
          {stale.message}
          {stale instanceof ApiError && stale.requestId ? ` (request id ${stale.requestId})` : ''}
        </div>
      )}
      <div className={styles.tiles}>
        <CountTile label="Apps reporting" value={apps.length} />
        <CountTile label="Healthy" value={apps.length - degraded} />
        <CountTile label="Degraded" value={degraded} />
        <CountTile label="Recent events" value={events.data.items.length} />
      </div>
      <div className={styles.grid}>
        <HealthTable items={apps} now={now} />
        <LatencyChart items={apps} />
        <div className={styles.wide}>
          <EventsPanel items={events.data.items} now={now} />
        </div>
      </div>
    </>
  );
}

import type { Bar } from '@kpi/web-ui/charts';
import { HorizontalBarChart } from '@kpi/web-ui/charts';
import { EmptyState, Panel } from '@kpi/web-ui/layout';
import { useMemo } from 'react';
import { DataTable } from '../common/DataTable';
import styles from '../common/page.module.css';
import { type AppHealth, timeAgo } from '../monitoring-api';
import platform from './platform.module.css';

/** Status pill of an app or check. */
export function StatusPill({ status }: { status: string }) {
  return (
    <span className={`${platform.pill} ${status === 'ok' ? platform.ok : platform.degraded}`}>{status}</span>
  );
}

/** Health of every app with its checks. */
export function HealthTable({ items, now }: { items: AppHealth[]; now: number }) {
  if (items.length === 0) {
    return (
      <Panel title="Platform health">
        <EmptyState title="No health reports yet">Apps report their health every minute.</EmptyState>
      </Panel>
    );
  }
  return (
    <Panel title="Platform health" subtitle={`${items.length} apps`} flush>
      <DataTable
        className={styles.table}
        label="Platform health by app"
        columns={['App', 'Status', 'Checks', 'Checked']}
      >
        {items.map((app) => (
          <tr key={app.app} data-testid="health-row">
            <td>
              <strong>{app.app}</strong>
            </td>
            <td>
              <StatusPill status={app.status} />
            </td>
            <td>
              {app.checks.map((c) => (
                <div key={c.name}>
                  {c.name} <span className={styles.muted}>· {Math.round(c.latencyMs)} ms</span>
                  {c.status !== 'ok' && (
                    <>
                      {' '}
                      <StatusPill status={c.status} />
                      {c.message && <div className={styles.muted}>{c.message}</div>}
                    </>
                  )}
                </div>
              ))}
            </td>
            <td className={styles.muted} title={app.checkedAt}>
              {timeAgo(app.checkedAt, now)}
            </td>
          </tr>
        ))}
      </DataTable>
    </Panel>
  );
}

/** Latency of every check, slowest first, degraded ones flagged. */
export function LatencyChart({ items }: { items: AppHealth[] }) {
  const bars = useMemo<Bar[]>(
    () =>
      items
        .flatMap((app) =>
          app.checks.map((c) => ({
            key: `${app.app}/${c.name}`,
            label: `${app.app} · ${c.name}`,
            value: c.latencyMs,
            tone: c.status === 'ok' ? ('normal' as const) : ('warn' as const),
          })),
        )
        .sort((a, b) => b.value - a.value)
        .slice(0, 12),
    [items],
  );
  return (
    <Panel title="Check latency" subtitle="slowest 12">
      {bars.length === 0 ? (
        <EmptyState title="No checks reported" />
      ) : (
        <HorizontalBarChart
          bars={bars}
          title="Latency of health checks in milliseconds"
          labelWidth={200}
          format={(v) => `${Math.round(v)} ms`}
        />
      )}
    </Panel>
  );
}

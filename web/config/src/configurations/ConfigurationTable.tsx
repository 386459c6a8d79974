import type { Configuration } from '@kpi/shared/contracts/demo-config';
import { useMemo } from 'react';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import styles from './Configurations.module.css';
import { StatusBadge } from './StatusBadge';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** A time as "5 Jan 2026, 09:00 UTC". */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${dateFormat.format(d)} UTC`;
}

/** The configurations, newest change first; choosing one makes it the workspace's current configuration. */
export function ConfigurationTable({ items }: { items: Configuration[] }) {
  const { configurationId, setConfigurationId } = useWorkspace();
  const sorted = useMemo(
    () => [...items].sort((a, b) => (b.updatedAt ?? b.createdAt).localeCompare(a.updatedAt ?? a.createdAt)),
    [items],
  );
  return (
    <table className={styles.table} aria-label="Configurations">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col" className={styles.num}>
            KPIs
          </th>
          <th scope="col">Updated</th>
          <th scope="col">
            <span className="kpi-visually-hidden">Current</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((c) => {
          const current = c.id === configurationId;
          return (
            <tr
              key={c.id}
              aria-current={current ? 'true' : undefined}
              data-testid={`configuration-row-${c.id}`}
            >
              <td>
                <div className={styles.rowName}>{c.name}</div>
                {c.description && <div className={styles.rowDescription}>{c.description}</div>}
              </td>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td className={styles.num}>{c.selectedKpis.length}</td>
              <td className={styles.time}>{formatTime(c.updatedAt ?? c.createdAt)}</td>
              <td className={styles.action}>
                {current ? (
                  <span className={styles.currentMark}>Current</span>
                ) : (
                  <button
                    type="button"
                    className="kpi-button"
                    onClick={() => setConfigurationId(c.id)}
                    aria-label={`Work on ${c.name}`}
                  >
                    Work on this
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

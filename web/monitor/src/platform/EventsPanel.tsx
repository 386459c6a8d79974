import { EmptyState, Panel } from '@kpi/web-ui/layout';
import { DataTable } from '../common/DataTable';
import styles from '../common/page.module.css';
import { type PlatformEvent, timeAgo } from '../monitoring-api';
import platform from './platform.module.css';

/** The most recent platform events, newest first. */
export function EventsPanel({ items, now }: { items: PlatformEvent[]; now: number }) {
  const sorted = [...items].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return (
    <Panel title="Platform events" subtitle={`${items.length} recent`} flush>
      {sorted.length === 0 ? (
        <EmptyState title="No events yet">
          Events such as catalog.published appear here as they arrive.
        </EmptyState>
      ) : (
        <DataTable
          className={styles.table}
          label="Platform events"
          columns={['Type', 'Subject', 'Source', 'Received', 'Data']}
        >
          {sorted.map((event) => (
            <tr key={event.id} data-testid="event-row">
              <td>
                <span className={platform.typeTag}>{event.type}</span>
              </td>
              <td>{event.subject}</td>
              <td className={styles.muted}>{event.source}</td>
              <td className={styles.muted} title={event.receivedAt}>
                {timeAgo(event.receivedAt, now)}
              </td>
              <td>
                <details className={styles.data}>
                  <summary>Show</summary>
                  <pre>{JSON.stringify(event.data, null, 2)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}

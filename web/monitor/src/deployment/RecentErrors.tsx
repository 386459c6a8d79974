import { EmptyState, Panel } from '@kpi/web-ui/layout';
import { DataTable } from '../common/DataTable';
import { timeAgo } from '../monitoring-api';
import styles from './deployment.module.css';
import type { MergedError } from './series';

/** The errors the deployment reported over the window, one row per kind with its total count. */
export function RecentErrors({ errors, now }: { /** Merged by key. */ errors: MergedError[]; now: number }) {
  return (
    <Panel title="Recent errors" subtitle={errors.length ? `${errors.length} kinds` : undefined} flush>
      {errors.length === 0 ? (
        <EmptyState title="No errors reported" icon="✓">
          The heartbeats in this window carried no errors.
        </EmptyState>
      ) : (
        <DataTable
          className={styles.table}
          label="Recent errors"
          columns={['Error', { key: 'count', label: 'Count', className: styles.num }, 'Last seen']}
        >
          {errors.map((e) => (
            <tr key={e.key} data-testid="error-row">
              <td>
                <div className={styles.mono}>{e.key}</div>
                <div className={styles.errorMessage}>{e.message}</div>
              </td>
              <td className={styles.num}>{e.count}</td>
              <td title={e.lastAt}>{timeAgo(e.lastAt, now)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}

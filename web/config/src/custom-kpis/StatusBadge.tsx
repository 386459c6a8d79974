import type { CustomKpi } from '@kpi/shared/contracts/metadata-custom-kpi';
import styles from './CustomKpis.module.css';

/** Draft, published (with unpublished changes) or deprecated. */
export function StatusBadge({ kpi }: { kpi: Pick<CustomKpi, 'status' | 'changedSincePublish'> }) {
  const label =
    kpi.status === 'published' && kpi.changedSincePublish ? 'published · draft changes' : kpi.status;
  return (
    <span className={`${styles.badge} ${styles[`status-${kpi.status}`] ?? ''}`} data-testid="kpi-status">
      {label}
    </span>
  );
}

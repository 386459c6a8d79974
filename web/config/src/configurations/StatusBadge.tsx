import type { ConfigurationStatus } from '@kpi/shared/contracts/demo-config';
import styles from './StatusBadge.module.css';

const labels: Record<ConfigurationStatus, string> = {
  draft: 'Draft',
  proposed: 'Proposed',
  signed: 'Signed',
};

/** A configuration's status as a coloured badge (the text says it too, for colour-blind users). */
export function StatusBadge({ status }: { status: ConfigurationStatus }) {
  return (
    <span className={`${styles.badge} ${styles[status]}`} data-testid="status-badge" data-status={status}>
      {labels[status]}
    </span>
  );
}

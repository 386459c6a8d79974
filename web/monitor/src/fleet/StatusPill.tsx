import styles from './fleet.module.css';
import { statusStyle } from './fleet-model';

/** A deployment status as a coloured pill with its label (colour never carries the meaning alone). */
export function StatusPill({ status }: { /** A deployment status. */ status: string }) {
  const s = statusStyle(status);
  return (
    <span className={styles.pill} style={{ background: s.soft, color: s.colour }} data-status={status}>
      {s.label}
    </span>
  );
}

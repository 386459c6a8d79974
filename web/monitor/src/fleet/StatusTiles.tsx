import type { CSSProperties } from 'react';
import styles from './fleet.module.css';
import { type DeploymentStatus, STATUS_ORDER, type StatusCounts, statusStyle } from './fleet-model';

export interface StatusTilesProps {
  /** Counts over the whole visible fleet. */
  counts: StatusCounts;
  /** The status the table is filtered on ('' for none). */
  active: DeploymentStatus | '';
  /** Filters the table on a status, or clears the filter with ''. */
  onSelect(status: DeploymentStatus | ''): void;
}

/** Total and per-status counts; each tile filters the table on its status. */
export function StatusTiles({ counts, active, onSelect }: StatusTilesProps) {
  return (
    <div className={styles.tiles} data-testid="status-counts">
      <button
        type="button"
        className={`${styles.tile} ${active === '' ? styles.tileActive : ''}`}
        aria-pressed={active === ''}
        onClick={() => onSelect('')}
        data-testid="count-total"
        data-count={counts.total}
      >
        <span className={styles.tileLabel}>All deployments</span>
        <span className={styles.tileValue}>{counts.total}</span>
      </button>
      {STATUS_ORDER.map((status) => {
        const s = statusStyle(status);
        return (
          <button
            key={status}
            type="button"
            className={`${styles.tile} ${active === status ? styles.tileActive : ''}`}
            style={{ '--tile-colour': s.colour } as CSSProperties}
            aria-pressed={active === status}
            onClick={() => onSelect(active === status ? '' : status)}
            data-testid={`count-${status}`}
            data-count={counts[status]}
          >
            <span className={styles.tileLabel}>{s.label}</span>
            <span className={styles.tileValue}>{counts[status]}</span>
          </button>
        );
      })}
    </div>
  );
}

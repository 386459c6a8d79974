/** The entitled KPIs with the mappings as drafted: ready, partial or blocked, and what is still missing. */
import styles from './Mapping.module.css';
import type { MappingCompleteness } from './mapping-types';

export function CompletenessPanel({ completeness }: { completeness: MappingCompleteness }) {
  const { ready, partial, blocked } = completeness.summary;
  return (
    <div>
      <p data-testid="completeness-summary">
        {ready} ready, {partial} partial, {blocked} blocked
      </p>
      <ul>
        {completeness.kpis.map((k) => (
          <li key={k.kpiId} data-testid="kpi-completeness" data-kpi-id={k.kpiId} data-status={k.status}>
            <span className={styles[k.status]}>
              {k.kpiId}: {k.status}
            </span>
            {k.missingObjects.length > 0 && (
              <span className={styles.meta}>needs {k.missingObjects.join(', ')}</span>
            )}
            {k.missingFields.length > 0 && (
              <span className={styles.meta}>
                missing {k.missingFields.map((m) => `${m.object}.${m.field}`).join(', ')}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

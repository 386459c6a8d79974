import type { AnalysisView } from '@kpi/shared/contracts/demo-config';
import { useMemo, useState } from 'react';
import frame from '../common/page.module.css';
import styles from './Analysis.module.css';
import { filterKpis, type KpiStatus, missingOf, STATUS_LABEL, type StatusFilter } from './readiness';

/** Props of the readiness list. */
export interface ReadinessListProps {
  kpis: AnalysisView['kpis'];
  /** The KPI's display name (its id when unknown). */
  nameOf: (kpiId: string) => string;
  /** Ids of the selected custom KPIs, marked as such. */
  customKpis: readonly string[];
}

const FILTERS: StatusFilter[] = ['all', 'blocked', 'partial', 'ready'];

/** Every selected KPI with its readiness and the fields it still misses, filterable by status and name. */
export function ReadinessList({ kpis, nameOf, customKpis }: ReadinessListProps) {
  const [status, setStatus] = useState<StatusFilter>('all');
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterKpis(kpis, status, query, nameOf), [kpis, status, query, nameOf]);
  const count = (s: KpiStatus) => kpis.filter((k) => k.status === s).length;
  return (
    <div>
      <div className={styles.filters}>
        <fieldset className={frame.segmented}>
          <legend className="kpi-visually-hidden">Show KPIs</legend>
          {FILTERS.map((f) => (
            <label key={f} className={status === f ? styles.segmentOn : styles.segment}>
              <input
                type="radio"
                name="kpi-status"
                value={f}
                checked={status === f}
                onChange={() => setStatus(f)}
                className="kpi-visually-hidden"
              />
              {f === 'all' ? `All ${kpis.length}` : `${STATUS_LABEL[f]} ${count(f)}`}
            </label>
          ))}
        </fieldset>
        <input
          type="search"
          className={styles.search}
          placeholder="Filter by name"
          aria-label="Filter KPIs by name"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {shown.length === 0 ? (
        <p className={styles.muted}>No KPI matches this filter.</p>
      ) : (
        <ul className={styles.kpiList} aria-label="KPI readiness">
          {shown.map((k) => {
            const missing = missingOf(k);
            return (
              <li
                key={k.kpiId}
                className={styles.kpiItem}
                data-testid="kpi-readiness"
                data-status={k.status}
                data-kpi={k.kpiId}
              >
                <span className={`${styles.badge} ${styles[k.status]}`}>{STATUS_LABEL[k.status]}</span>
                <div className={styles.kpiBody}>
                  <div className={styles.kpiName}>
                    {nameOf(k.kpiId)}
                    {customKpis.includes(k.kpiId) && <span className={styles.custom}>custom</span>}
                  </div>
                  {missing.length > 0 && (
                    <div className={styles.missing}>
                      Missing: {missing.slice(0, 8).join(', ')}
                      {missing.length > 8 ? ` and ${missing.length - 8} more` : ''}
                    </div>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

import type { AnalysisView } from '@kpi/shared/contracts/demo-config';
import { useMemo } from 'react';
import styles from './Analysis.module.css';
import { groupGaps } from './readiness';

/** Props of the gap list. */
export interface GapListProps {
  gaps: AnalysisView['gaps'];
  /** The analysis objects, to name the fields a wholly missing object must provide. */
  objects: AnalysisView['objects'];
  nameOf: (kpiId: string) => string;
}

/** The missing objects and fields, per object, with the KPIs each holds back. */
export function GapList({ gaps, objects, nameOf }: GapListProps) {
  const groups = useMemo(() => groupGaps(gaps), [gaps]);
  const fieldsOf = useMemo(
    () => new Map(objects.map((o) => [o.name, o.fields.map((f) => f.name)])),
    [objects],
  );
  if (groups.length === 0)
    return <p className={styles.allCovered}>No gaps: every field the selected KPIs need has a source.</p>;
  return (
    <ul className={styles.gapList} aria-label="Gaps">
      {groups.map((g) => (
        <li key={g.object} className={styles.gap} data-testid="gap" data-object={g.object}>
          <div className={styles.gapHead}>
            <strong>{g.object}</strong>
            <span className={g.whole ? styles.gapWhole : styles.gapFields}>
              {g.whole
                ? 'No source provides this object'
                : `${g.fields.length} field${g.fields.length === 1 ? '' : 's'} missing`}
            </span>
          </div>
          {g.whole && <div className={styles.missing}>Needs {(fieldsOf.get(g.object) ?? []).join(', ')}</div>}
          {g.fields.length > 0 && (
            <div className={styles.chips}>
              {g.fields.map((f) => (
                <code
                  key={f.field}
                  className={styles.chip}
                  title={`Needed by ${f.kpis.map(nameOf).join(', ')}`}
                >
                  {f.field}
                </code>
              ))}
            </div>
          )}
          <div className={styles.muted}>
            Holds back {g.kpis.length} KPI{g.kpis.length === 1 ? '' : 's'}:{' '}
            {g.kpis.slice(0, 6).map(nameOf).join(', ')}
            {g.kpis.length > 6 ? ` and ${g.kpis.length - 6} more` : ''}
          </div>
        </li>
      ))}
    </ul>
  );
}

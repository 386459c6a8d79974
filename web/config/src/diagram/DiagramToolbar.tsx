import { Options } from '@kpi/web-ui/forms';
import { areaColor } from './area-colors';
import styles from './Diagram.module.css';
import type { DiagramScope } from './use-diagram-data';

export interface DiagramToolbarProps {
  scope: DiagramScope;
  /** Number of KPIs the configuration selects; 0 hides the scope choice. */
  selectedCount: number;
  onScope(scope: DiagramScope): void;
  /** KPIs offered for highlighting, with names. */
  kpis: { id: string; name: string }[];
  /** The highlighted KPI id. */
  kpi: string | undefined;
  onKpi(kpi: string | undefined): void;
  /** Areas drawn, for the legend. */
  areas: string[];
}

/** Scope choice, KPI highlight and the colour legend of the areas. */
export function DiagramToolbar(props: DiagramToolbarProps) {
  const { scope, selectedCount, kpis, kpi } = props;
  return (
    <div className={styles.toolbar}>
      {selectedCount > 0 && (
        <fieldset className={styles.segmented}>
          <legend className="kpi-visually-hidden">Show</legend>
          <label>
            <input
              type="radio"
              name="diagram-scope"
              value="selection"
              checked={scope === 'selection'}
              onChange={() => props.onScope('selection')}
            />
            Selected KPIs' objects ({selectedCount} KPI{selectedCount === 1 ? '' : 's'})
          </label>
          <label>
            <input
              type="radio"
              name="diagram-scope"
              value="all"
              checked={scope === 'all'}
              onChange={() => props.onScope('all')}
            />
            Whole catalog model
          </label>
        </fieldset>
      )}
      <label className={styles.field}>
        Highlight KPI
        <select value={kpi ?? ''} onChange={(e) => props.onKpi(e.target.value || undefined)}>
          <option value="">None</option>
          <Options items={kpis} value={(k) => k.id} label={(k) => k.name} />
        </select>
      </label>
      {props.areas.length > 0 && (
        <ul className={styles.legend} aria-label="Areas">
          {props.areas.map((a) => (
            <li key={a}>
              <span className={styles.swatch} style={{ background: areaColor(a) }} aria-hidden="true" />
              {a}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { cardinalityLabel } from './cardinality';
import styles from './Diagram.module.css';
import {
  type DiagramClass,
  type DiagramModel,
  fieldKey,
  type KpiNeeds,
  type ObjectGraph,
} from './diagram-model';

export interface ClassDetailsProps {
  /** The selected class. */
  cls: DiagramClass;
  model: DiagramModel;
  /** The selection's graph, for which selected KPIs need the class and each field. */
  selectionGraph: ObjectGraph | undefined;
  /** True when a configuration is chosen (otherwise there is no selection to relate to). */
  hasConfiguration: boolean;
  /** The highlighted KPI's needs. */
  highlight: KpiNeeds | undefined;
  /** The highlighted KPI id. */
  highlightedKpi: string | undefined;
  nameOf(kpiId: string): string;
  /** Highlights a KPI (or clears with undefined). */
  onHighlight(kpiId: string | undefined): void;
  onClose(): void;
}

/** The side panel of a selected class: its fields, associations and the selected KPIs that need it. */
export function ClassDetails(props: ClassDetailsProps) {
  const { cls, model, selectionGraph, highlight, highlightedKpi, nameOf } = props;
  const graphObject = selectionGraph?.objects.find((o) => o.name === cls.name);
  const kpisOfField = new Map(graphObject?.fields.map((f) => [f.name, f.kpis]) ?? []);
  const neededBy = graphObject?.kpis ?? [];
  const outgoing = model.relationships.filter((r) => r.from === cls.name);
  const incoming = model.relationships.filter((r) => r.to === cls.name);

  return (
    <aside className={styles.side} aria-labelledby="class-details-title" data-testid="class-details">
      <h2 id="class-details-title">
        <span>{cls.name}</span>
        <button type="button" className={styles.close} onClick={props.onClose} aria-label="Close details">
          ×
        </button>
      </h2>
      <p className={styles.muted}>
        {cls.label !== cls.name ? `${cls.label} · ` : ''}
        {cls.area}
      </p>
      <p>{cls.description}</p>

      <h3>Needed by</h3>
      {!props.hasConfiguration ? (
        <p className={styles.muted}>Choose a configuration to see which of its KPIs need this object.</p>
      ) : neededBy.length === 0 ? (
        <p className={styles.muted}>None of the configuration's KPIs needs this object.</p>
      ) : (
        <ul className={styles.chips} aria-label="Needed by">
          {neededBy.map((id) => (
            <li key={id}>
              <button
                type="button"
                className={styles.chip}
                aria-pressed={id === highlightedKpi}
                onClick={() => props.onHighlight(id === highlightedKpi ? undefined : id)}
                title={id === highlightedKpi ? 'Clear the highlight' : 'Highlight what this KPI needs'}
              >
                {nameOf(id)}
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>Fields ({cls.fields.length})</h3>
      <ul aria-label={`Fields of ${cls.name}`}>
        {cls.fields.map((f) => {
          const kpis = kpisOfField.get(f.name) ?? [];
          return (
            <li
              key={f.name}
              className={styles.fieldRow}
              data-needed={highlight?.fields.has(fieldKey(cls.name, f.name)) ? 'true' : undefined}
            >
              <span className={styles.key}>
                {f.key === 'primary' ? 'PK' : f.key === 'foreign' ? 'FK' : ''}
              </span>
              <span>
                {f.name}: {f.type}
                {f.required ? '' : ' [0..1]'}
              </span>
              {kpis.length > 0 && (
                <span className={styles.dot} title={`Needed by ${kpis.map(nameOf).join(', ')}`}>
                  ● {kpis.length}
                </span>
              )}
            </li>
          );
        })}
      </ul>

      {(outgoing.length > 0 || incoming.length > 0) && (
        <>
          <h3>Associations</h3>
          <ul>
            {outgoing.map((r) => (
              <li key={r.id}>
                {r.name} → <strong>{r.to}</strong> ({cardinalityLabel(r.cardinality)}) via {r.foreignKey}
              </li>
            ))}
            {incoming.map((r) => (
              <li key={r.id}>
                <strong>{r.from}</strong>.{r.name} ← ({cardinalityLabel(r.inverseCardinality)} per {cls.name})
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}

import { download, pngScale, serialiseSvg, svgToPng } from '@kpi/web-ui/export';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { ClassDetails } from './ClassDetails';
import styles from './Diagram.module.css';
import type { DiagramLayout } from './diagram-layout';
import type { DiagramModel, KpiNeeds, ObjectGraph } from './diagram-model';
import { exportFileName } from './diagram-paths';
import { UmlDiagram, type UmlDiagramHandle } from './UmlDiagram';
import type { DiagramScope } from './use-diagram-data';

export interface DiagramViewProps {
  model: DiagramModel;
  layout: DiagramLayout;
  scope: DiagramScope;
  configurationName: string | undefined;
  selectionGraph: ObjectGraph | undefined;
  highlight: KpiNeeds | undefined;
  kpi: string | undefined;
  nameOf(kpiId: string): string;
  onKpi(kpiId: string | undefined): void;
  /** Rendered above the canvas: the toolbar. */
  toolbar: ReactNode;
}

/** The drawn diagram with its export buttons and the details of the selected class. */
export function DiagramView(props: DiagramViewProps) {
  const { model, layout, scope, configurationName, highlight, kpi, nameOf } = props;
  const diagram = useRef<UmlDiagramHandle>(null);
  const [selected, setSelected] = useState<string>();
  const [exporting, setExporting] = useState<'svg' | 'png'>();
  const [exportError, setExportError] = useState<string>();
  const cls = model.classes.find((c) => c.name === selected);
  const highlightState = useMemo(() => ({ needs: highlight, selected }), [highlight, selected]);
  const title = `${configurationName ?? 'KPI catalog'} — ${scope === 'all' ? 'data model' : 'required objects'}`;

  const svgText = () => {
    const viewport = diagram.current?.viewport();
    if (!viewport) throw new Error('The diagram is not drawn yet');
    return serialiseSvg(viewport, { width: layout.width, height: layout.height, title });
  };
  const runExport = async (kind: 'svg' | 'png') => {
    setExporting(kind);
    setExportError(undefined);
    try {
      const text = svgText();
      const blob =
        kind === 'svg'
          ? new Blob([text], { type: 'image/svg+xml' })
          : await svgToPng(text, layout.width, layout.height, pngScale(layout.width, layout.height));
      download(blob, exportFileName(configurationName, scope, kind));
    } catch (err) {
      setExportError(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(undefined);
    }
  };

  return (
    <>
      <div className={styles.head}>
        <div>
          <h1>Data model</h1>
          <p className={styles.muted} data-testid="diagram-summary">
            {configurationName ? `${configurationName} · ` : ''}
            {scope === 'all' ? 'whole catalog model' : 'objects the selected KPIs need'} ·{' '}
            {count(model.classes.length, 'class', 'classes')} ·{' '}
            {count(model.relationships.length, 'association')} · catalog {model.catalogVersion}
          </p>
        </div>
        <div className={styles.actions}>
          {exportError && (
            <span className={styles.warning} role="alert">
              Export failed: {exportError}
            </span>
          )}
          <button
            type="button"
            className="kpi-button"
            onClick={() => void runExport('svg')}
            disabled={exporting !== undefined}
          >
            {exporting === 'svg' ? 'Exporting…' : 'Export SVG'}
          </button>
          <button
            type="button"
            className="kpi-button"
            onClick={() => void runExport('png')}
            disabled={exporting !== undefined}
          >
            {exporting === 'png' ? 'Exporting…' : 'Export PNG'}
          </button>
        </div>
      </div>
      {props.toolbar}
      <div className={styles.body}>
        <div className={styles.canvas}>
          <UmlDiagram
            ref={diagram}
            layout={layout}
            highlight={highlightState}
            onSelect={(name) => setSelected((s) => (s === name ? undefined : name))}
            label={`UML class diagram: ${title}`}
          />
        </div>
        {cls ? (
          <ClassDetails
            cls={cls}
            model={model}
            selectionGraph={props.selectionGraph}
            hasConfiguration={configurationName !== undefined}
            highlight={highlight}
            highlightedKpi={kpi}
            nameOf={nameOf}
            onHighlight={props.onKpi}
            onClose={() => setSelected(undefined)}
          />
        ) : (
          <aside className={styles.side} aria-label="Diagram details">
            <HighlightSummary kpi={kpi} highlight={highlight} nameOf={nameOf} />
            <p className={styles.muted}>
              Click a class (or Tab to it and press Enter) to see its fields, associations and the KPIs that
              need it.
            </p>
          </aside>
        )}
      </div>
    </>
  );
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function HighlightSummary({
  kpi,
  highlight,
  nameOf,
}: {
  kpi: string | undefined;
  highlight: KpiNeeds | undefined;
  nameOf(id: string): string;
}) {
  if (!kpi)
    return <p className={styles.muted}>Pick a KPI above to highlight the objects and fields it needs.</p>;
  if (!highlight) return <p className={styles.muted}>Reading what {nameOf(kpi)} needs…</p>;
  return (
    <div data-testid="highlight-summary">
      <h2>{nameOf(kpi)}</h2>
      <p>
        needs {count(highlight.objects.size, 'object')}, {count(highlight.fields.size, 'field')} and{' '}
        {count(highlight.relationships.size, 'association')}:
      </p>
      <ul>
        {[...highlight.objects].sort().map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
    </div>
  );
}

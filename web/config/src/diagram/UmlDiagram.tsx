import { type Selection, select, type ZoomBehavior, zoom, zoomIdentity } from 'd3';
import {
  type KeyboardEvent,
  type Ref,
  useCallback,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { DiagramLayout } from './diagram-layout';
import { fitTransform } from './diagram-paths';
import { MARKS, MEASURES, mark, measure } from './diagram-timing';
import { applyHighlight, drawDiagram, type Highlight } from './draw-diagram';
import styles from './UmlDiagram.module.css';

/** What the page can ask of the drawn diagram. */
export interface UmlDiagramHandle {
  /** The drawn `<g>` holding the whole diagram (for export). */
  viewport(): SVGGElement | null;
}

export interface UmlDiagramProps {
  /** The laid-out diagram to draw. */
  layout: DiagramLayout;
  /** The highlighted KPI's needs and the selected class. */
  highlight: Highlight;
  /** A class was clicked or activated from the keyboard. */
  onSelect(name: string): void;
  /** Accessible name of the diagram. */
  label: string;
  ref?: Ref<UmlDiagramHandle>;
}

const ZOOM_STEP = 1.4;
const PAN_STEP = 80;

type SvgSelection = Selection<SVGSVGElement, unknown, null, undefined>;

/**
 * The UML class diagram: D3 draws the classes and associations into the SVG, d3-zoom pans (drag, arrow
 * keys) and zooms (wheel, buttons, + / − / 0 keys). Each new layout is drawn and fitted into view, and the
 * time from the start of its layout to the end of its drawing is put on the SVG as `data-render-ms`.
 */
export function UmlDiagram({ layout, highlight, onSelect, label, ref }: UmlDiagramProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const hintRef = useRef<HTMLParagraphElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown>>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const [scale, setScale] = useState(1);

  useImperativeHandle(ref, () => ({ viewport: () => viewportRef.current }), []);

  const withZoom = useCallback(
    (act: (svg: SvgSelection, behavior: ZoomBehavior<SVGSVGElement, unknown>) => void) => {
      const svg = svgRef.current;
      const behavior = zoomRef.current;
      if (svg && behavior) act(select(svg), behavior);
    },
    [],
  );

  const fit = useCallback(() => {
    withZoom((svg, behavior) => {
      const node = svg.node();
      if (!node) return;
      // The key-hint caption lies over the bottom of the canvas: fit the diagram above it.
      const hint = hintRef.current?.getBoundingClientRect();
      const bottomInset = hint ? node.getBoundingClientRect().bottom - hint.top : 0;
      const { x, y, k } = fitTransform(layout.width, layout.height, node.clientWidth, node.clientHeight, {
        bottomInset,
      });
      svg.call(behavior.transform, zoomIdentity.translate(x, y).scale(k));
    });
  }, [layout, withZoom]);

  // Zoom and pan, set up once per SVG element — before the first drawing, which fits the view.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const viewport = viewportRef.current;
    if (!svg || !viewport) return;
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.02, 4])
      .on('zoom', (event: { transform: { k: number; toString(): string } }) => {
        viewport.setAttribute('transform', event.transform.toString());
        setScale(event.transform.k);
      });
    zoomRef.current = behavior;
    // Double clicks belong to the classes (select), not to zooming.
    select(svg).call(behavior).on('dblclick.zoom', null);
    return () => {
      select(svg).on('.zoom', null);
      zoomRef.current = null;
    };
  }, []);

  // Draw each new layout (before paint, so no frame shows a stale diagram) and fit it into view.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    const viewport = viewportRef.current;
    if (!svg || !viewport) return;
    mark(MARKS.drawStart);
    drawDiagram(viewport, layout, { onSelect: (name) => onSelectRef.current(name) });
    // Forces style and text layout now, so the measure covers what the browser does to show the SVG.
    viewport.getBBox();
    mark(MARKS.drawEnd);
    measure(MEASURES.draw, MARKS.drawStart, MARKS.drawEnd);
    const total = measure(MEASURES.render, MARKS.layoutStart, MARKS.drawEnd);
    if (total !== undefined) svg.setAttribute('data-render-ms', total.toFixed(1));
    fit();
  }, [layout, fit]);

  // Highlight and selection only flip attributes on the drawn elements.
  useLayoutEffect(() => {
    if (viewportRef.current) applyHighlight(viewportRef.current, highlight);
  }, [highlight, layout]);

  const zoomBy = (factor: number) => withZoom((svg, behavior) => svg.call(behavior.scaleBy, factor));
  const panBy = (dx: number, dy: number) =>
    withZoom((svg, behavior) => svg.call(behavior.translateBy, dx / scale, dy / scale));

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const actions: Record<string, () => void> = {
      '+': () => zoomBy(ZOOM_STEP),
      '=': () => zoomBy(ZOOM_STEP),
      '-': () => zoomBy(1 / ZOOM_STEP),
      '0': fit,
      ArrowLeft: () => panBy(PAN_STEP, 0),
      ArrowRight: () => panBy(-PAN_STEP, 0),
      ArrowUp: () => panBy(0, PAN_STEP),
      ArrowDown: () => panBy(0, -PAN_STEP),
    };
    const action = actions[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  };

  return (
    <div className={styles.frame}>
      <svg
        ref={svgRef}
        className={styles.svg}
        data-testid="uml-diagram"
        role="application"
        aria-roledescription="diagram"
        aria-label={label}
        aria-describedby="uml-diagram-keys"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the canvas (role application) takes the keyboard for pan and zoom
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <g ref={viewportRef} className={styles.viewport} data-testid="uml-viewport" />
      </svg>
      <p id="uml-diagram-keys" ref={hintRef} className={styles.hint}>
        Drag or arrow keys to pan · wheel or + / − to zoom · 0 to fit · Tab to the classes, Enter for details
      </p>
      <div className={styles.controls} role="toolbar" aria-label="Zoom">
        <button type="button" onClick={() => zoomBy(ZOOM_STEP)} aria-label="Zoom in" title="Zoom in (+)">
          +
        </button>
        <output className={styles.zoomLevel} aria-label="Zoom level">
          {Math.round(scale * 100)}%
        </output>
        <button
          type="button"
          onClick={() => zoomBy(1 / ZOOM_STEP)}
          aria-label="Zoom out"
          title="Zoom out (−)"
        >
          −
        </button>
        <button type="button" onClick={fit} aria-label="Fit to view" title="Fit to view (0)">
          ⤢
        </button>
      </div>
    </div>
  );
}

import { ChartFrame } from '@kpi/web-ui/charts';
import { area, brushX, type D3BrushEvent, scaleLinear, scaleTime, select } from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import styles from './deployment.module.css';
import type { MetricPoint } from './series';
import { TimeAxis } from './TimeAxis';

export interface ContextChartProps {
  points: MetricPoint[];
  /** The same points split where the deployment was down: one area piece per run. */
  runs: MetricPoint[][];
  /** The full time domain (ms). */
  domain: readonly [number, number];
  /** The zoomed range, drawn as the brush selection; undefined when not zoomed. */
  zoom: readonly [number, number] | undefined;
  /** A brushed range in ms (undefined: the brush was cleared). */
  onBrush(range: [number, number] | undefined): void;
}

const margin = { top: 6, right: 16, bottom: 22, left: 52 };
const HEIGHT = 72;

/**
 * The overview under the focus charts: p95 latency over the whole window with a d3-brush. Brushing zooms
 * the focus charts; a click outside the selection or a double-click clears it.
 */
export function ContextChart(props: ContextChartProps) {
  return (
    <div className={styles.context} data-testid="chart-context">
      <ChartFrame height={HEIGHT}>{({ width }) => <Overview {...props} width={width} />}</ChartFrame>
    </div>
  );
}

function Overview({ points, runs, domain, zoom, onBrush, width }: ContextChartProps & { width: number }) {
  const brushRef = useRef<SVGGElement>(null);
  const innerW = Math.max(10, width - margin.left - margin.right);
  const innerH = HEIGHT - margin.top - margin.bottom;
  const x = useMemo(() => scaleTime().domain([domain[0], domain[1]]).range([0, innerW]), [domain, innerW]);
  const y = useMemo(() => {
    const max = Math.max(1, ...points.map((p) => p.p95));
    return scaleLinear().domain([0, max]).range([innerH, 0]);
  }, [points, innerH]);
  const d = useMemo(() => {
    const draw = area<MetricPoint>()
      .x((p) => x(p.t))
      .y0(innerH)
      .y1((p) => y(p.p95));
    return runs.map((run) => draw(run) ?? '').join('');
  }, [runs, x, y, innerH]);
  // The latest callback without re-creating the brush on every render.
  const onBrushRef = useRef(onBrush);
  onBrushRef.current = onBrush;
  const xRef = useRef(x);
  xRef.current = x;

  // D3 owns the brush's DOM (its overlay and handles): React never renders inside this <g>.
  useEffect(() => {
    const g = brushRef.current;
    if (!g) return;
    const brush = brushX<unknown>()
      .extent([
        [0, 0],
        [innerW, innerH],
      ])
      .on('end', (event: D3BrushEvent<unknown>) => {
        if (!event.sourceEvent) return; // moved by us (syncing from props), not by the user
        const sel = event.selection as [number, number] | null;
        const scale = xRef.current;
        onBrushRef.current(sel ? [+scale.invert(sel[0]), +scale.invert(sel[1])] : undefined);
      });
    const selection = select(g);
    selection.call(brush);
    selection.on('dblclick', () => onBrushRef.current(undefined));
    brushInstance.set(g, brush);
    return () => {
      selection.on('.brush', null).on('dblclick', null);
      selection.selectAll('*').remove();
      brushInstance.delete(g);
    };
  }, [innerW, innerH]);

  // Keep the drawn selection in step with the zoom (reset button, domain moving with time).
  useEffect(() => {
    const g = brushRef.current;
    const brush = g && brushInstance.get(g);
    if (!g || !brush) return;
    const sel: [number, number] | null = zoom
      ? [Math.max(0, x(zoom[0])), Math.min(innerW, x(zoom[1]))]
      : null;
    select(g).call(brush.move, sel && sel[1] - sel[0] >= 1 ? sel : null);
  }, [zoom, x, innerW]);

  return (
    <svg
      width={width}
      height={HEIGHT}
      role="img"
      aria-label="Overview of p95 latency over the whole window; drag to zoom the charts above"
    >
      <g transform={`translate(${margin.left},${margin.top})`}>
        <path d={d} fill="var(--kpi-brand-soft)" stroke="var(--kpi-brand)" strokeWidth={1} />
        <TimeAxis x={x} y={innerH} ticks={Math.max(2, Math.floor(innerW / 110))} />
        <g ref={brushRef} className={styles.brush} data-testid="context-brush" />
      </g>
    </svg>
  );
}

/** The brush behaviour per element, so the sync effect can move the brush the setup effect created. */
const brushInstance = new WeakMap<SVGGElement, ReturnType<typeof brushX<unknown>>>();

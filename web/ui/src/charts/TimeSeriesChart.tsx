import type { Direction, Thresholds } from '@kpi/shared/domain/catalog/types';
import { brushX } from 'd3-brush';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import { type KeyboardEvent, type PointerEvent, type Ref, useEffect, useMemo, useRef, useState } from 'react';
import { ChartFrame } from './ChartFrame';
import styles from './TimeSeriesChart.module.css';
import {
  bandSpans,
  type IndexWindow,
  stepFocus,
  type TimePoint,
  tickIndexes,
  valueDomain,
  zoomWindow,
} from './time-series-model';

// Accessors at module level (D3 computes, React renders).
type Indexed = TimePoint & { index: number };
const hasValue = (d: TimePoint) => d.value !== null && Number.isFinite(d.value);
const hasPreviousYear = (d: TimePoint) =>
  d.previousYear !== null && d.previousYear !== undefined && Number.isFinite(d.previousYear);
const getIndex = (d: Indexed) => d.index;
const getValue = (d: Indexed) => d.value ?? 0;
const getPreviousYear = (d: Indexed) => d.previousYear ?? 0;

const margin = { top: 10, right: 16, bottom: 26, left: 56 };
const BAND_FILL = {
  good: 'var(--kpi-ok-soft)',
  warning: 'var(--kpi-warn-soft)',
  critical: 'var(--kpi-danger-soft)',
};

export interface TimeSeriesChartProps {
  /** Accessible name of the chart, e.g. `OTIF rate by month`. */
  title: string;
  /** The periods, oldest first. */
  points: readonly TimePoint[];
  /** Drawn as a dashed line; omitted when absent. */
  target?: number | null;
  /** Status bands drawn behind the line; omitted when absent. */
  thresholds?: Thresholds | null;
  /** Which way the bands run. */
  direction?: Direction;
  /** Formats a value for the axis and the tooltip (e.g. the KPI's format and unit). */
  format?: (value: number) => string;
  /** Height in pixels; the width follows the container. */
  height?: number;
  /** Receives the `<svg>` element, for PNG and SVG exports. */
  svgRef?: Ref<SVGSVGElement>;
}

/**
 * Values over periods with the target line, threshold bands and last year's line (when the points carry it).
 * Drag across the chart to zoom to those periods (d3-brush), "Show all" to zoom out; the points are reachable
 * by keyboard (Tab to the chart, arrows, Home, End) and show their numbers in a tooltip.
 */
export function TimeSeriesChart({ height = 260, ...props }: TimeSeriesChartProps) {
  return (
    <ChartFrame height={height} className={styles.frame}>
      {({ width }) => <TimeSeriesSvg {...props} width={width} height={height} />}
    </ChartFrame>
  );
}

type SvgProps = Omit<TimeSeriesChartProps, 'height'> & { width: number; height: number };

function TimeSeriesSvg({
  title,
  points,
  target,
  thresholds,
  direction = 'higher-is-better',
  format = String,
  svgRef,
  width,
  height,
}: SvgProps) {
  const all = points.length;
  const [zoom, setZoom] = useState<IndexWindow>();
  const [focus, setFocus] = useState<number>();
  const [hover, setHover] = useState<number>();
  const brushRef = useRef<SVGGElement>(null);
  const pointRefs = useRef(new Map<number, SVGCircleElement>());
  const [first, last] = zoom && zoom[1] < all ? zoom : [0, Math.max(0, all - 1)];
  const innerRight = width - margin.right;
  const innerBottom = height - margin.bottom;

  const visible = useMemo(
    () => points.slice(first, last + 1).map((p, i) => ({ ...p, index: first + i })),
    [points, first, last],
  );
  const x = useMemo(
    () =>
      scaleLinear()
        .domain(first === last ? [first - 0.5, last + 0.5] : [first, last])
        .range([margin.left, innerRight]),
    [first, last, innerRight],
  );
  const y = useMemo(
    () => scaleLinear().domain(valueDomain(visible, target)).range([innerBottom, margin.top]).nice(),
    [visible, target, innerBottom],
  );
  const paths = useMemo(() => {
    const valueLine = line<Indexed>()
      .defined(hasValue)
      .x((d) => x(getIndex(d)))
      .y((d) => y(getValue(d)));
    const previousLine = line<Indexed>()
      .defined(hasPreviousYear)
      .x((d) => x(getIndex(d)))
      .y((d) => y(getPreviousYear(d)));
    return {
      value: valueLine(visible) ?? '',
      previousYear: visible.some(hasPreviousYear) ? (previousLine(visible) ?? '') : undefined,
    };
  }, [visible, x, y]);
  const bands = useMemo(
    () => bandSpans(thresholds, direction, y.domain() as [number, number]),
    [thresholds, direction, y],
  );
  const xTicks = useMemo(
    () => tickIndexes([first, last], innerRight - margin.left),
    [first, last, innerRight],
  );

  // d3-brush owns the drag gesture on its own <g>; React owns everything drawn.
  useEffect(() => {
    const g = brushRef.current;
    if (!g || all < 3) return;
    const brush = brushX<unknown>()
      .extent([
        [margin.left, margin.top],
        [innerRight, innerBottom],
      ])
      .on('end', (event: { selection: [number, number] | null }) => {
        if (!event.selection) return;
        const next = zoomWindow(x.invert(event.selection[0]), x.invert(event.selection[1]), all);
        select(g).call(brush.move, null);
        if (next) setZoom(next);
      });
    select(g).call(brush);
    return () => {
      select(g).on('.brush', null).selectAll('*').remove();
    };
  }, [x, all, innerRight, innerBottom]);

  const shown = hover ?? focus;
  const shownPoint = shown === undefined ? undefined : points[shown];
  const describe = (p: TimePoint) =>
    `${p.period}: ${p.value === null ? 'no value' : format(p.value)}${
      hasPreviousYear(p) ? `, last year ${format(p.previousYear as number)}` : ''
    }`;

  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === 'Escape') {
      setFocus(undefined);
      return;
    }
    const next = stepFocus(focus, event.key, [first, last]);
    if (next === undefined) return;
    event.preventDefault();
    setFocus(next);
    pointRefs.current.get(next)?.focus();
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const at = Math.round(x.invert(event.clientX - box.left));
    setHover(at >= first && at <= last ? at : undefined);
  };

  return (
    <>
      <svg
        ref={svgRef}
        width={width}
        height={height}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(undefined)}
        className={styles.svg}
      >
        <title>{title}</title>
        {bands.map((b) => (
          <rect
            key={b.band}
            x={margin.left}
            width={innerRight - margin.left}
            y={y(b.to)}
            height={y(b.from) - y(b.to)}
            style={{ fill: BAND_FILL[b.band] }}
            data-band={b.band}
          />
        ))}
        {y.ticks(5).map((t) => (
          <g key={t} transform={`translate(0,${y(t)})`} className={styles.tick}>
            <line x1={margin.left} x2={innerRight} />
            <text x={margin.left - 8} dy="0.32em" textAnchor="end">
              {format(t)}
            </text>
          </g>
        ))}
        {xTicks.map((i) => (
          <text key={i} x={x(i)} y={height - 8} textAnchor="middle" className={styles.period}>
            {points[i]?.period}
          </text>
        ))}
        {target !== null && target !== undefined && Number.isFinite(target) && (
          <g data-testid="target-line">
            <line x1={margin.left} x2={innerRight} y1={y(target)} y2={y(target)} className={styles.target} />
            <text x={innerRight} y={y(target) - 4} textAnchor="end" className={styles.targetLabel}>
              Target {format(target)}
            </text>
          </g>
        )}
        {paths.previousYear !== undefined && (
          <path d={paths.previousYear} className={styles.previousYear} data-testid="previous-year-line" />
        )}
        <path d={paths.value} className={styles.value} data-testid="value-line" />
        <g ref={brushRef} className={styles.brush} />
        {shown !== undefined && (
          <line x1={x(shown)} x2={x(shown)} y1={margin.top} y2={innerBottom} className={styles.crosshair} />
        )}
        <g role="listbox" aria-label={`${title}: values by period`} onKeyDown={onKeyDown}>
          {visible.filter(hasValue).map((d) => (
            <circle
              key={d.index}
              ref={(el) => {
                if (el) pointRefs.current.set(d.index, el);
                else pointRefs.current.delete(d.index);
              }}
              cx={x(d.index)}
              cy={y(getValue(d))}
              r={d.index === shown ? 5 : 3}
              className={styles.point}
              tabIndex={d.index === (focus ?? visible.filter(hasValue).at(-1)?.index) ? 0 : -1}
              role="option"
              aria-selected={d.index === focus}
              aria-label={describe(d)}
              onFocus={() => setFocus(d.index)}
              onBlur={() => setFocus((f) => (f === d.index ? undefined : f))}
            />
          ))}
        </g>
      </svg>
      {shownPoint && (
        <div
          className={styles.tooltip}
          style={{
            left: Math.min(width - 180, Math.max(0, x(shown as number) + 10)),
            top: margin.top,
          }}
          role="status"
          data-testid="chart-tooltip"
        >
          <strong>{shownPoint.period}</strong>
          <span>{shownPoint.value === null ? 'No value' : format(shownPoint.value)}</span>
          {hasPreviousYear(shownPoint) && <span>Last year {format(shownPoint.previousYear as number)}</span>}
          {target !== null && target !== undefined && <span>Target {format(target)}</span>}
        </div>
      )}
      {zoom && (
        <button type="button" className={`kpi-button ${styles.reset}`} onClick={() => setZoom(undefined)}>
          Show all periods
        </button>
      )}
    </>
  );
}

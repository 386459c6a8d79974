import { ChartFrame } from '@kpi/web-ui/charts';
import { bisector, line, scaleLinear, scaleTime } from 'd3';
import { type MouseEvent, useId, useMemo, useState } from 'react';
import styles from './deployment.module.css';
import type { MetricPoint } from './series';
import { TimeAxis } from './TimeAxis';

/** One line of a chart. */
export interface SeriesSpec {
  key: string;
  label: string;
  colour: string;
  /** The value of a point; undefined breaks the line. */
  value: (p: MetricPoint) => number | undefined;
}

export interface FocusChartProps {
  title: string;
  /** Unit printed after values, e.g. `ms`. */
  unit: string;
  series: SeriesSpec[];
  points: MetricPoint[];
  /** The same points split where the deployment was down (`splitAtGaps`): one line piece per run. */
  runs: MetricPoint[][];
  /** The shared, possibly zoomed, time domain (ms). */
  domain: readonly [number, number];
  /** Double-click resets the zoom. */
  onReset(): void;
  testId: string;
}

const margin = { top: 10, right: 16, bottom: 22, left: 52 };
const HEIGHT = 150;
const getT = (p: MetricPoint) => p.t;
const bisectT = bisector(getT).center;

/** A line chart over the shared time domain: D3 computes the scales and paths, React draws them. */
export function FocusChart(props: FocusChartProps) {
  return (
    <figure
      className={styles.chart}
      data-testid={props.testId}
      data-domain-start={new Date(props.domain[0]).toISOString()}
      data-domain-end={new Date(props.domain[1]).toISOString()}
    >
      <figcaption className={styles.chartTitle}>
        {props.title}
        <span className={styles.legendInline}>
          {props.series.map((s) => (
            <span key={s.key}>
              <span className={styles.swatch} style={{ background: s.colour }} />
              {s.label}
            </span>
          ))}
        </span>
      </figcaption>
      <ChartFrame height={HEIGHT}>{({ width }) => <Plot {...props} width={width} />}</ChartFrame>
    </figure>
  );
}

function Plot({
  title,
  unit,
  series,
  points,
  runs,
  domain,
  onReset,
  width,
}: FocusChartProps & { width: number }) {
  const clipId = useId();
  const [hover, setHover] = useState<MetricPoint | undefined>();
  const innerW = Math.max(10, width - margin.left - margin.right);
  const innerH = HEIGHT - margin.top - margin.bottom;
  const visible = useMemo(() => points.filter((p) => p.t >= domain[0] && p.t <= domain[1]), [points, domain]);
  const x = useMemo(() => scaleTime().domain([domain[0], domain[1]]).range([0, innerW]), [domain, innerW]);
  const y = useMemo(() => {
    let max = 0;
    for (const p of visible) for (const s of series) max = Math.max(max, s.value(p) ?? 0);
    return scaleLinear()
      .domain([0, max > 0 ? max * 1.1 : 1])
      .nice(4)
      .range([innerH, 0]);
  }, [visible, series, innerH]);
  const paths = useMemo(
    () =>
      series.map((s) => {
        const draw = line<MetricPoint>()
          .defined((p) => s.value(p) !== undefined)
          .x((p) => x(p.t))
          .y((p) => y(s.value(p) ?? 0));
        return { spec: s, d: runs.map((run) => draw(run) ?? '').join('') };
      }),
    [series, runs, x, y],
  );
  const latest = visible[visible.length - 1];
  const label = `${title} from ${x.domain()[0]?.toLocaleTimeString()} to ${x.domain()[1]?.toLocaleTimeString()}: ${visible.length} heartbeats${
    latest ? `, latest ${series.map((s) => `${s.label} ${fmt(s.value(latest))} ${unit}`).join(', ')}` : ''
  }`;
  const onMove = (e: MouseEvent<SVGRectElement>) => {
    if (visible.length === 0) return;
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    setHover(visible[bisectT(visible, +x.invert(px))]);
  };
  return (
    <svg width={width} height={HEIGHT} role="img" aria-label={label} onDoubleClick={onReset}>
      <defs>
        <clipPath id={clipId}>
          <rect width={innerW} height={innerH + 1} />
        </clipPath>
      </defs>
      <g transform={`translate(${margin.left},${margin.top})`}>
        {y.ticks(4).map((v) => (
          <g key={v} transform={`translate(0,${y(v)})`}>
            <line x2={innerW} stroke="var(--kpi-border)" strokeDasharray={v === 0 ? undefined : '2 3'} />
            <text x={-6} dy="0.32em" textAnchor="end" fontSize={10} fill="var(--kpi-text-muted)">
              {fmt(v)}
            </text>
          </g>
        ))}
        <g clipPath={`url(#${clipId})`}>
          {paths.map(({ spec, d }) => (
            <path
              key={spec.key}
              d={d}
              fill="none"
              stroke={spec.colour}
              strokeWidth={1.6}
              data-series={spec.key}
            />
          ))}
          {visible.length <= 80 &&
            series.flatMap((s) =>
              visible
                .filter((p) => s.value(p) !== undefined)
                .map((p) => (
                  <circle
                    key={`${s.key}-${p.id}`}
                    cx={x(p.t)}
                    cy={y(s.value(p) ?? 0)}
                    r={2.2}
                    fill={s.colour}
                  />
                )),
            )}
        </g>
        {visible.length === 0 && (
          <text x={innerW / 2} y={innerH / 2} textAnchor="middle" fontSize={12} fill="var(--kpi-text-muted)">
            No heartbeats in this range
          </text>
        )}
        <TimeAxis x={x} y={innerH} ticks={Math.max(2, Math.floor(innerW / 110))} />
        {hover && (
          <g transform={`translate(${x(hover.t)},0)`} pointerEvents="none">
            <line y2={innerH} stroke="var(--kpi-text-muted)" strokeDasharray="3 3" />
            {series.map((s) =>
              s.value(hover) === undefined ? null : (
                <circle key={s.key} cy={y(s.value(hover) ?? 0)} r={4} fill={s.colour} stroke="#fff" />
              ),
            )}
          </g>
        )}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: pointer-only crosshair; the values are in the chart's label */}
        <rect
          width={innerW}
          height={innerH}
          fill="transparent"
          onMouseMove={onMove}
          onMouseLeave={() => setHover(undefined)}
        />
      </g>
      {hover && (
        <text
          x={Math.min(width - 8, Math.max(margin.left + 4, margin.left + x(hover.t) + 8))}
          y={margin.top + 10}
          textAnchor={margin.left + x(hover.t) > width - 200 ? 'end' : 'start'}
          fontSize={11}
          fill="var(--kpi-text)"
          className={styles.hoverText}
        >
          {new Date(hover.t).toLocaleTimeString()} ·{' '}
          {series.map((s) => `${s.label} ${fmt(s.value(hover))} ${unit}`).join(' · ')}
        </text>
      )}
    </svg>
  );
}

/** Numbers for axis and labels: no more precision than a reader needs. */
function fmt(v: number | undefined): string {
  if (v === undefined) return '—';
  if (Math.abs(v) >= 100) return String(Math.round(v));
  if (Math.abs(v) >= 10) return v.toFixed(1).replace(/\.0$/, '');
  return v.toFixed(2).replace(/\.?0+$/, '') || '0';
}

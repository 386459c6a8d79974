import { scaleBand, scaleLinear } from 'd3-scale';
import { useMemo } from 'react';
import { ChartFrame } from './ChartFrame';

/** One bar. */
export interface Bar {
  /** Stable key. */
  key: string;
  label: string;
  value: number;
  /** Optional tone, e.g. to flag a degraded check. */
  tone?: 'normal' | 'warn' | 'danger';
}

const getKey = (d: Bar) => d.key;
const getValue = (d: Bar) => d.value;
const toneColour = { normal: 'var(--kpi-brand)', warn: '#d38b00', danger: 'var(--kpi-danger)' } as const;
const margin = { top: 4, right: 64, bottom: 4 };

export interface HorizontalBarChartProps {
  bars: Bar[];
  /** Accessible name of the chart. */
  title: string;
  /** Formats a value for its label (e.g. `12 ms`). */
  format?: (value: number) => string;
  /** Height of one bar row in pixels. */
  rowHeight?: number;
  /** Width reserved for the labels at the left, in pixels. */
  labelWidth?: number;
}

/** Labelled horizontal bars sized by their container; values printed at the bar ends. */
export function HorizontalBarChart({
  bars,
  title,
  format = String,
  rowHeight = 28,
  labelWidth = 170,
}: HorizontalBarChartProps) {
  const height = Math.max(1, bars.length) * rowHeight + margin.top + margin.bottom;
  return (
    <ChartFrame height={height}>
      {({ width }) => (
        <Bars
          bars={bars}
          title={title}
          format={format}
          width={width}
          height={height}
          labelWidth={labelWidth}
        />
      )}
    </ChartFrame>
  );
}

interface BarsProps {
  bars: Bar[];
  title: string;
  format: (value: number) => string;
  width: number;
  height: number;
  labelWidth: number;
}

// At most ~7.5 px per character at 12 px (system UI fonts): longer labels are cut with an ellipsis.
const fitLabel = (label: string, width: number) => {
  const max = Math.max(4, Math.floor((width - 14) / 7.5));
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
};

function Bars({ bars, title, format, width, height, labelWidth }: BarsProps) {
  const left = labelWidth;
  const innerWidth = Math.max(0, width - left - margin.right);
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, Math.max(1, ...bars.map(getValue))])
        .range([0, innerWidth])
        .nice(),
    [bars, innerWidth],
  );
  const y = useMemo(
    () =>
      scaleBand<string>()
        .domain(bars.map(getKey))
        .range([margin.top, height - margin.bottom])
        .padding(0.25),
    [bars, height],
  );
  return (
    <svg width={width} height={height} role="img" aria-label={title}>
      <title>{title}</title>
      {bars.map((bar) => {
        const top = y(bar.key) ?? 0;
        const middle = top + y.bandwidth() / 2;
        const barWidth = Math.max(2, x(bar.value));
        return (
          <g key={bar.key}>
            <text x={left - 10} y={middle} dy="0.35em" textAnchor="end" fontSize={12} fill="#3b4654">
              <title>{bar.label}</title>
              {fitLabel(bar.label, left)}
            </text>
            <rect
              x={left}
              y={top}
              width={barWidth}
              height={y.bandwidth()}
              rx={3}
              fill={toneColour[bar.tone ?? 'normal']}
            />
            <text x={left + barWidth + 6} y={middle} dy="0.35em" fontSize={12} fill="#5a6675">
              {format(bar.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

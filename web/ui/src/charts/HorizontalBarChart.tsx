import { scaleBand, scaleLinear } from 'd3-scale';
import { type KeyboardEvent, type Ref, useMemo } from 'react';
import { ChartFrame } from './ChartFrame';

/** One bar. */
export interface Bar {
  /** Stable key. */
  key: string;
  label: string;
  value: number;
  /** Optional tone, e.g. to flag a degraded check; `other` for a bucket of the members not shown one by one. */
  tone?: 'normal' | 'warn' | 'danger' | 'other';
}

const getKey = (d: Bar) => d.key;
const getValue = (d: Bar) => d.value;
const toneColour = {
  normal: 'var(--kpi-brand)',
  warn: '#d38b00',
  danger: 'var(--kpi-danger)',
  other: 'var(--kpi-text-muted)',
} as const;
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
  /** The bar shown as selected (e.g. the drill-down's filter). */
  selectedKey?: string;
  /** Makes each bar a button (click, Enter or Space) that reports its key. */
  onSelect?: (key: string) => void;
  /** Receives the `<svg>` element, for PNG and SVG exports. */
  svgRef?: Ref<SVGSVGElement>;
}

/** Labelled horizontal bars sized by their container; values printed at the bar ends. */
export function HorizontalBarChart({
  bars,
  title,
  format = String,
  rowHeight = 28,
  labelWidth = 170,
  selectedKey,
  onSelect,
  svgRef,
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
          selectedKey={selectedKey}
          onSelect={onSelect}
          svgRef={svgRef}
        />
      )}
    </ChartFrame>
  );
}

interface BarsProps extends Pick<HorizontalBarChartProps, 'selectedKey' | 'onSelect' | 'svgRef'> {
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

function Bars({ bars, title, format, width, height, labelWidth, selectedKey, onSelect, svgRef }: BarsProps) {
  const left = labelWidth;
  const innerWidth = Math.max(0, width - left - margin.right);
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([Math.min(0, ...bars.map(getValue)), Math.max(1, ...bars.map(getValue))])
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
    <svg ref={svgRef} width={width} height={height} role={onSelect ? 'group' : 'img'} aria-label={title}>
      <title>{title}</title>
      {bars.map((bar) => {
        const top = y(bar.key) ?? 0;
        const middle = top + y.bandwidth() / 2;
        const start = Math.min(x(0), x(bar.value));
        const barWidth = Math.max(2, Math.abs(x(bar.value) - x(0)));
        const selected = bar.key === selectedKey;
        const select = onSelect
          ? {
              role: 'button',
              tabIndex: 0,
              'aria-pressed': selected,
              'aria-label': `${bar.label}: ${format(bar.value)}`,
              onClick: () => onSelect(bar.key),
              onKeyDown: (event: KeyboardEvent) => {
                if (event.key !== 'Enter' && event.key !== ' ') return;
                event.preventDefault();
                onSelect(bar.key);
              },
              style: { cursor: 'pointer' },
            }
          : {};
        return (
          <g key={bar.key} data-key={bar.key} data-selected={selected || undefined} {...select}>
            <text
              x={left - 10}
              y={middle}
              dy="0.35em"
              textAnchor="end"
              fontSize={12}
              fill="#3b4654"
              fontStyle={bar.tone === 'other' ? 'italic' : undefined}
            >
              <title>{bar.label}</title>
              {fitLabel(bar.label, left)}
            </text>
            <rect
              x={left + start}
              y={top}
              width={barWidth}
              height={y.bandwidth()}
              rx={3}
              fill={toneColour[bar.tone ?? 'normal']}
              fillOpacity={bar.tone === 'other' ? 0.55 : selectedKey !== undefined && !selected ? 0.45 : 1}
              stroke={selected ? 'var(--kpi-text)' : undefined}
              strokeWidth={selected ? 2 : undefined}
              strokeDasharray={bar.tone === 'other' ? '4 2' : undefined}
            />
            <text x={left + start + barWidth + 6} y={middle} dy="0.35em" fontSize={12} fill="#5a6675">
              {format(bar.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

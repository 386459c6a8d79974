import { ChartFrame } from '@kpi/web-ui/charts';
import { extent } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useMemo } from 'react';
import type { PreviewKpi } from './demo-model';

type Point = PreviewKpi['series'][number];

// Accessors at module level (D3 computes, React renders).
const defined = (p: Point) => p.value !== null;

const PAD = 4;

/** Twelve months of a KPI as a line, with its target dashed; sized by its container. */
export function Sparkline({ kpi, color, height = 44 }: { kpi: PreviewKpi; color: string; height?: number }) {
  return (
    <ChartFrame height={height}>
      {({ width }) => <SparklineSvg kpi={kpi} color={color} width={width} height={height} />}
    </ChartFrame>
  );
}

function SparklineSvg({
  kpi,
  color,
  width,
  height,
}: {
  kpi: PreviewKpi;
  color: string;
  width: number;
  height: number;
}) {
  const { path, targetY, last } = useMemo(() => {
    const values = kpi.series.flatMap((p) => (p.value === null ? [] : [p.value]));
    const [lo = 0, hi = 1] = extent([...values, kpi.target]);
    const span = hi - lo || Math.abs(hi) || 1;
    const x = scaleLinear()
      .domain([0, Math.max(1, kpi.series.length - 1)])
      .range([PAD, width - PAD]);
    const y = scaleLinear()
      .domain([lo - span * 0.08, hi + span * 0.08])
      .range([height - PAD, PAD]);
    const draw = line<Point>()
      .defined(defined)
      .x((_, i) => x(i))
      .y((p) => y(p.value ?? 0));
    const lastIndex = kpi.series.length - 1;
    const lastValue = kpi.series[lastIndex]?.value;
    return {
      path: draw(kpi.series) ?? '',
      targetY: y(kpi.target),
      last: lastValue === null || lastValue === undefined ? undefined : { x: x(lastIndex), y: y(lastValue) },
    };
  }, [kpi, width, height]);
  return (
    <svg width={width} height={height} role="img" aria-label={`${kpi.name}: the last twelve months`}>
      <line
        x1={PAD}
        x2={width - PAD}
        y1={targetY}
        y2={targetY}
        stroke="currentColor"
        strokeOpacity={0.35}
        strokeDasharray="3 3"
      />
      <path
        d={path}
        fill="none"
        stroke={color}
        strokeWidth={2}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
      {last && <circle cx={last.x} cy={last.y} r={3} fill={color} />}
    </svg>
  );
}

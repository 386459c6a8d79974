import { useMemo } from 'react';
import { ChartFrame } from '../charts/ChartFrame';
import { sparkGeometry } from './sparkline-geometry';
import type { KpiPoint } from './tile-model';

export interface SparklineProps {
  /** The periods to draw, oldest first. */
  series: readonly KpiPoint[];
  /** Drawn as a dashed line; omitted when absent. */
  target?: number | null;
  /** Stroke colour of the line (a CSS colour or variable). */
  color: string;
  /** Accessible name, e.g. `OTIF rate: the last twelve periods`. */
  label: string;
  /** Height in pixels; the width follows the container. */
  height?: number;
}

/** A KPI's recent periods as a line with its target dashed; sized by its container. */
export function Sparkline({ series, target, color, label, height = 44 }: SparklineProps) {
  return (
    <ChartFrame height={height}>
      {({ width }) => (
        <SparklineSvg
          series={series}
          target={target}
          color={color}
          label={label}
          width={width}
          height={height}
        />
      )}
    </ChartFrame>
  );
}

function SparklineSvg({
  series,
  target,
  color,
  label,
  width,
  height,
}: Omit<SparklineProps, 'height'> & { width: number; height: number }) {
  const { path, targetY, last } = useMemo(
    () => sparkGeometry(series, target, width, height),
    [series, target, width, height],
  );
  return (
    <svg width={width} height={height} role="img" aria-label={label}>
      {targetY !== undefined && (
        <line
          x1={0}
          x2={width}
          y1={targetY}
          y2={targetY}
          stroke="currentColor"
          strokeOpacity={0.35}
          strokeDasharray="3 3"
        />
      )}
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

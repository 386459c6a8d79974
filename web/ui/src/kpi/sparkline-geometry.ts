import { extent } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { KpiPoint } from './tile-model';

// Accessors at module level (D3 computes, React renders).
const isDefined = (p: KpiPoint) => p.value !== null && Number.isFinite(p.value);

/** Inset of the line from the box, so the end dot and the stroke are not cut. */
export const SPARK_PAD = 4;

/** The drawn parts of a sparkline. */
export interface SparkGeometry {
  /** The line's path; gaps where a period has no value; empty when none has. */
  path: string;
  /** y of the target line; undefined without a target. */
  targetY: number | undefined;
  /** The last period's dot; undefined when it has no value. */
  last: { x: number; y: number } | undefined;
}

/** Scales a series (and its target, so the target line is always in view) into a `width` × `height` box. */
export function sparkGeometry(
  series: readonly KpiPoint[],
  target: number | null | undefined,
  width: number,
  height: number,
): SparkGeometry {
  const values = series.flatMap((p) => (isDefined(p) ? [p.value as number] : []));
  const hasTarget = target !== null && target !== undefined && Number.isFinite(target);
  const [lo = 0, hi = 1] = extent(hasTarget ? [...values, target] : values);
  const span = hi - lo || Math.abs(hi) || 1;
  const x = scaleLinear()
    .domain([0, Math.max(1, series.length - 1)])
    .range([SPARK_PAD, width - SPARK_PAD]);
  const y = scaleLinear()
    .domain([lo - span * 0.08, hi + span * 0.08])
    .range([height - SPARK_PAD, SPARK_PAD]);
  const draw = line<KpiPoint>()
    .defined(isDefined)
    .x((_, i) => x(i))
    .y((p) => y(p.value ?? 0));
  const lastIndex = series.length - 1;
  const lastPoint = series[lastIndex];
  return {
    path: draw([...series]) ?? '',
    targetY: hasTarget ? y(target) : undefined,
    last:
      lastPoint && isDefined(lastPoint) ? { x: x(lastIndex), y: y(lastPoint.value as number) } : undefined,
  };
}

import { type ScaleTime, timeFormat } from 'd3';

const withMillis = timeFormat('%H:%M:%S.%L');
const withSeconds = timeFormat('%H:%M:%S');
const minutes = timeFormat('%H:%M');
const days = timeFormat('%d %b %H:%M');

export interface TimeAxisProps {
  /** The chart's x scale. */
  x: ScaleTime<number, number>;
  /** Where the axis line sits (the bottom of the plot area). */
  y: number;
  /** About how many ticks to draw. */
  ticks?: number;
}

/** A bottom time axis drawn by React from the D3 scale's ticks. */
export function TimeAxis({ x, y, ticks = 6 }: TimeAxisProps) {
  const [d0, d1] = x.domain();
  const span = d0 && d1 ? +d1 - +d0 : 0;
  // Clock times read better than D3's multi-scale labels (":15", "01 PM") on a monitoring page.
  const format =
    span < 20_000 ? withMillis : span < 10 * 60_000 ? withSeconds : span < 2 * 86_400_000 ? minutes : days;
  const [r0, r1] = x.range();
  return (
    <g transform={`translate(0,${y})`}>
      <line x1={r0} x2={r1} stroke="var(--kpi-border)" />
      {x.ticks(ticks).map((t) => (
        <g key={+t} transform={`translate(${x(t)},0)`}>
          <line y2={4} stroke="var(--kpi-text-muted)" />
          <text y={15} textAnchor="middle" fontSize={10} fill="var(--kpi-text-muted)">
            {format(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

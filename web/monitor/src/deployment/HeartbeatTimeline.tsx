import { ChartFrame } from '@kpi/web-ui/charts';
import { scaleTime } from 'd3';
import { useMemo } from 'react';
import { statusStyle } from '../fleet/fleet-model';
import styles from './deployment.module.css';
import { type MetricPoint, statusBands } from './series';
import { TimeAxis } from './TimeAxis';

export interface HeartbeatTimelineProps {
  points: MetricPoint[];
  /** The full time domain (ms). */
  domain: readonly [number, number];
  periodSeconds: number;
  graceSeconds: number;
  /** The charts' zoomed range (ms), outlined on the strip; undefined when not zoomed. */
  zoom?: readonly [number, number] | undefined;
}

const margin = { top: 4, right: 16, bottom: 22, left: 52 };
const HEIGHT = 62;

/**
 * The heartbeat timeline strip: one tick per heartbeat over the window, on status bands (up, late, down)
 * derived with the deployment's period and grace, so silences stand out as late/down stretches.
 */
export function HeartbeatTimeline(props: HeartbeatTimelineProps) {
  return (
    <div data-testid="heartbeat-timeline" className={styles.timeline}>
      <ChartFrame height={HEIGHT}>{({ width }) => <Strip {...props} width={width} />}</ChartFrame>
      <div className={styles.legendInline} aria-hidden="true">
        {(['up', 'late', 'down'] as const).map((s) => (
          <span key={s}>
            <span className={styles.swatch} style={{ background: statusStyle(s).colour }} />
            {statusStyle(s).label}
          </span>
        ))}
        <span>
          <span className={styles.tickSwatch} /> heartbeat
        </span>
      </div>
    </div>
  );
}

function Strip({
  points,
  domain,
  periodSeconds,
  graceSeconds,
  zoom,
  width,
}: HeartbeatTimelineProps & { width: number }) {
  const innerW = Math.max(10, width - margin.left - margin.right);
  const innerH = HEIGHT - margin.top - margin.bottom;
  const x = useMemo(() => scaleTime().domain([domain[0], domain[1]]).range([0, innerW]), [domain, innerW]);
  const bands = useMemo(
    () =>
      statusBands(
        points.map((p) => p.t),
        periodSeconds * 1000,
        graceSeconds * 1000,
        domain[1],
        domain[0],
      ),
    [points, periodSeconds, graceSeconds, domain],
  );
  const down = bands.filter((b) => b.status === 'down').length;
  const late = bands.filter((b) => b.status === 'late').length;
  const label = `${points.length} heartbeats from ${new Date(domain[0]).toLocaleTimeString()} to ${new Date(
    domain[1],
  ).toLocaleTimeString()}; ${down} down and ${late} late stretches`;
  const bandY = innerH * 0.35;
  const bandH = innerH * 0.65;
  return (
    <svg width={width} height={HEIGHT} role="img" aria-label={label}>
      <g transform={`translate(${margin.left},${margin.top})`}>
        <rect width={innerW} height={bandH} y={bandY} fill="var(--kpi-surface-muted)" />
        {bands.map((b) => (
          <rect
            key={`${b.status}-${b.start}`}
            x={x(b.start)}
            width={Math.max(1, x(b.end) - x(b.start))}
            y={bandY}
            height={bandH}
            fill={statusStyle(b.status).colour}
            opacity={b.status === 'up' ? 0.28 : 0.7}
            data-testid="status-band"
            data-status={b.status}
          >
            <title>
              {statusStyle(b.status).label} {new Date(b.start).toLocaleTimeString()}–
              {new Date(b.end).toLocaleTimeString()}
            </title>
          </rect>
        ))}
        {points.map((p) => (
          <line
            key={p.id}
            x1={x(p.t)}
            x2={x(p.t)}
            y1={0}
            y2={innerH}
            stroke="var(--kpi-text)"
            strokeWidth={1}
            data-testid="heartbeat-tick"
          >
            <title>Heartbeat {new Date(p.t).toLocaleTimeString()}</title>
          </line>
        ))}
        {zoom && (
          <rect
            x={x(zoom[0])}
            width={Math.max(1, x(zoom[1]) - x(zoom[0]))}
            y={0}
            height={innerH}
            fill="var(--kpi-brand)"
            fillOpacity={0.08}
            stroke="var(--kpi-brand)"
            strokeDasharray="4 3"
            data-testid="timeline-zoom"
          />
        )}
        <TimeAxis x={x} y={innerH} ticks={Math.max(2, Math.floor(innerW / 110))} />
      </g>
    </svg>
  );
}

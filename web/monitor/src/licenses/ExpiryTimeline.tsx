import { ChartFrame } from '@kpi/web-ui/charts';
import { useMemo } from 'react';
import styles from './licenses.module.css';
import { layoutTimeline, statusTone, type TimelineLicense } from './timeline';

const toneFill = {
  ok: 'var(--kpi-ok)',
  warn: '#d38b00',
  danger: 'var(--kpi-danger)',
  muted: '#8a96a6',
} as const;
const day = (d: Date) => d.toISOString().slice(0, 10);

export interface ExpiryTimelineProps {
  licenses: TimelineLicense[];
  now: Date;
  /** A licence to highlight (the page's `?license=`). */
  selectedId?: string | undefined;
}

/** Horizontal bars on a time axis: issue → expiry (solid), grace (faded), milestones, today. */
export function ExpiryTimeline({ licenses, now, selectedId }: ExpiryTimelineProps) {
  const rowHeight = 30;
  const height = 28 + licenses.length * rowHeight + 8;
  return (
    <ChartFrame height={height}>
      {({ width }) => (
        <Timeline licenses={licenses} now={now} width={width} rowHeight={rowHeight} selectedId={selectedId} />
      )}
    </ChartFrame>
  );
}

function Timeline({
  licenses,
  now,
  width,
  rowHeight,
  selectedId,
}: ExpiryTimelineProps & { width: number; rowHeight: number }) {
  const layout = useMemo(
    () => layoutTimeline(licenses, { width, now, rowHeight, labelWidth: 210, axisHeight: 28 }),
    [licenses, now, width, rowHeight],
  );
  const barHeight = rowHeight - 12;
  return (
    <svg
      width={width}
      height={layout.height}
      role="img"
      aria-label={`Licence expiry timeline, ${layout.bars.length} licences`}
      className={styles.timeline}
      data-testid="expiry-timeline"
    >
      <defs>
        <pattern
          id="grace-hatch"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="white" fillOpacity="0.0" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="white" strokeWidth="2" strokeOpacity="0.7" />
        </pattern>
      </defs>
      <g>
        {layout.ticks.map((t) => (
          <g key={t.x} transform={`translate(${t.x},0)`}>
            <line y1={22} y2={layout.height} className={styles.grid} />
            <text y={14} textAnchor="middle" className={styles.tick}>
              {t.label}
            </text>
          </g>
        ))}
      </g>
      {layout.bars.map((b) => {
        const fill = toneFill[statusTone(b.status)];
        const y = b.y + 6;
        const selected = b.id === selectedId;
        return (
          <g
            key={b.id}
            data-testid="timeline-bar"
            data-license-id={b.id}
            data-status={b.status}
            data-selected={selected ? 'true' : undefined}
          >
            {selected && (
              <rect
                x={2}
                y={b.y + 1}
                width={width - 4}
                height={rowHeight - 2}
                rx={4}
                className={styles.selected}
              />
            )}
            <title>
              {`${b.label}: ${b.status}; issued ${day(b.start)}, expires ${day(b.expiry)}, grace until ${day(b.graceEnd)}`}
            </title>
            <text
              x={8}
              y={y + barHeight / 2 + 4}
              className={selected ? `${styles.label} ${styles.selectedLabel}` : styles.label}
            >
              {b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label}
            </text>
            <rect
              x={b.x0}
              y={y}
              width={Math.max(2, b.xExpiry - b.x0)}
              height={barHeight}
              rx={3}
              fill={fill}
            />
            <rect
              x={b.xExpiry}
              y={y}
              width={Math.max(0, b.xGraceEnd - b.xExpiry)}
              height={barHeight}
              rx={3}
              fill={fill}
              fillOpacity={0.35}
            />
            <rect
              x={b.xExpiry}
              y={y}
              width={Math.max(0, b.xGraceEnd - b.xExpiry)}
              height={barHeight}
              fill="url(#grace-hatch)"
            />
            {b.milestones.map((m) => (
              <g key={m.days}>
                <line x1={m.x} x2={m.x} y1={y - 3} y2={y + barHeight + 3} className={styles.milestone} />
                <title>{`${m.days} days before expiry: ${day(m.at)}`}</title>
              </g>
            ))}
          </g>
        );
      })}
      <g>
        <line x1={layout.todayX} x2={layout.todayX} y1={18} y2={layout.height} className={styles.today} />
        <text x={layout.todayX + 4} y={26} className={styles.todayLabel}>
          today
        </text>
      </g>
    </svg>
  );
}

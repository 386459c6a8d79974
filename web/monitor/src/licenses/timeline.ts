/**
 * The licence expiry timeline, computed (D3 computes, React renders): one row per licence from its issue
 * to its expiry plus the grace period, milestone ticks at 90/60/30/7 days before expiry, a today marker,
 * all on one time scale that always shows today.
 */
import { type ScaleTime, scaleTime } from 'd3-scale';

export const MILESTONE_DAYS = [90, 60, 30, 7] as const;
const DAY = 86_400_000;

/** What the timeline needs of a licence. */
export interface TimelineLicense {
  id: string;
  tenantId: string;
  status: string;
  expiresAt: string;
  graceDays: number;
  /** From the licence service, when it answered; else the first event monitoring saw. */
  issuedAt?: string;
}

export interface TimelineBar {
  id: string;
  label: string;
  status: string;
  y: number;
  start: Date;
  expiry: Date;
  graceEnd: Date;
  /** Pixel positions on the scale. */
  x0: number;
  xExpiry: number;
  xGraceEnd: number;
  milestones: { days: number; at: Date; x: number }[];
}

export interface TimelineLayout {
  scale: ScaleTime<number, number>;
  bars: TimelineBar[];
  todayX: number;
  ticks: { x: number; label: string }[];
  height: number;
}

export interface TimelineOptions {
  width: number;
  now: Date;
  rowHeight?: number;
  /** Space at the left for the labels. */
  labelWidth?: number;
  axisHeight?: number;
}

/** The time span shown: every bar and today, with a little room on both sides. */
export function timelineDomain(licenses: readonly TimelineLicense[], now: Date): [Date, Date] {
  let lo = now.getTime() - 30 * DAY;
  let hi = now.getTime() + 30 * DAY;
  for (const l of licenses) {
    const expiry = Date.parse(l.expiresAt);
    const start = l.issuedAt ? Date.parse(l.issuedAt) : expiry;
    lo = Math.min(lo, start, expiry);
    hi = Math.max(hi, expiry + l.graceDays * DAY);
  }
  const pad = (hi - lo) * 0.03;
  return [new Date(lo - pad), new Date(hi + pad)];
}

/** Soonest expiry first, then by id, so the order is stable across refreshes. */
export function orderForTimeline<T extends TimelineLicense>(licenses: readonly T[]): T[] {
  return [...licenses].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.id.localeCompare(b.id));
}

export function layoutTimeline(
  licenses: readonly TimelineLicense[],
  options: TimelineOptions,
): TimelineLayout {
  const { width, now, rowHeight = 30, labelWidth = 200, axisHeight = 28 } = options;
  const scale = scaleTime()
    .domain(timelineDomain(licenses, now))
    .range([labelWidth, Math.max(labelWidth + 1, width - 16)]);
  const bars = orderForTimeline(licenses).map((l, i): TimelineBar => {
    const expiry = new Date(l.expiresAt);
    const start = l.issuedAt ? new Date(l.issuedAt) : expiry;
    const graceEnd = new Date(expiry.getTime() + l.graceDays * DAY);
    return {
      id: l.id,
      label: `${l.tenantId} · ${l.id}`,
      status: l.status,
      y: axisHeight + i * rowHeight,
      start,
      expiry,
      graceEnd,
      x0: scale(start),
      xExpiry: scale(expiry),
      xGraceEnd: scale(graceEnd),
      milestones: MILESTONE_DAYS.map((days) => {
        const at = new Date(expiry.getTime() - days * DAY);
        return { days, at, x: scale(at) };
      }).filter((m) => m.at >= start),
    };
  });
  const tickFormat = scale.tickFormat();
  const ticks = scale.ticks(Math.max(2, Math.floor((width - labelWidth) / 110))).map((t) => ({
    x: scale(t),
    label: tickFormat(t),
  }));
  return { scale, bars, todayX: scale(now), ticks, height: axisHeight + bars.length * rowHeight + 8 };
}

/** Colour of a status (theme variables). */
export function statusTone(status: string): 'ok' | 'warn' | 'danger' | 'muted' {
  switch (status) {
    case 'active':
      return 'ok';
    case 'expiring':
      return 'warn';
    case 'expired':
    case 'suspended':
      return 'danger';
    default:
      return 'muted';
  }
}

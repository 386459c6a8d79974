/**
 * The dead-man's switch of one deployment: new → up (first heartbeat) → late (a period passed without a
 * heartbeat) → down (period + grace passed) → up on the next heartbeat; paused while a maintenance window
 * covers it. Boundaries: at exactly `last + period` the deployment is late, at exactly
 * `last + period + grace` it is down. `dueAt` is when the next change happens if no heartbeat arrives, so a
 * sweep finds due deployments with one query on it.
 */
import type { DeploymentStatus } from '../../contracts/monitoring-deployment';

export interface Timing {
  periodSeconds: number;
  graceSeconds: number;
}

/** The part of a deployment the status machine reads and writes. */
export interface StatusView {
  status: DeploymentStatus;
  statusSince: string;
  dueAt?: string;
  lastHeartbeatAt?: string;
  /** up↔down changes, newest last (ISO times). */
  recentTransitions: string[];
  flapping: boolean;
}

/** An active maintenance window: paused until `until`. */
export interface Pause {
  until: Date;
}

/** Flap detection: this many up↔down changes within the window mean flapping. */
export const FLAPPING = { windowMinutes: 30, threshold: 4, keep: 20 } as const;

export interface StatusChange {
  from: DeploymentStatus;
  to: DeploymentStatus;
}

export interface StatusStep {
  view: StatusView;
  change?: StatusChange;
}

const S = 1000;

/** Status of a deployment whose last sign of life was at `reference`. */
export function statusAfterSilence(reference: Date, now: Date, timing: Timing): 'up' | 'late' | 'down' {
  const elapsed = now.getTime() - reference.getTime();
  if (elapsed < timing.periodSeconds * S) return 'up';
  if (elapsed < (timing.periodSeconds + timing.graceSeconds) * S) return 'late';
  return 'down';
}

/** When the status derived from `reference` changes next, if it can change without a heartbeat. */
export function nextDue(status: DeploymentStatus, reference: Date, timing: Timing): Date | undefined {
  if (status === 'up') return new Date(reference.getTime() + timing.periodSeconds * S);
  if (status === 'late')
    return new Date(reference.getTime() + (timing.periodSeconds + timing.graceSeconds) * S);
  return undefined;
}

/** A heartbeat arrived at `at` (server receive time). */
export function applyHeartbeat(view: StatusView, at: Date, timing: Timing, pause?: Pause): StatusStep {
  const last =
    view.lastHeartbeatAt && view.lastHeartbeatAt > at.toISOString() ? view.lastHeartbeatAt : undefined;
  const lastHeartbeatAt = last ?? at.toISOString();
  if (pause) return settle(view, { status: 'paused', dueAt: pause.until, lastHeartbeatAt }, at);
  const status = statusAfterSilence(new Date(lastHeartbeatAt), at, timing);
  return settle(
    view,
    { status, dueAt: nextDue(status, new Date(lastHeartbeatAt), timing), lastHeartbeatAt },
    at,
  );
}

/** The sweep looks at a deployment whose `dueAt` has passed (or any deployment: it is idempotent). */
export function applySweep(view: StatusView, now: Date, timing: Timing, pause?: Pause): StatusStep {
  const lastHeartbeatAt = view.lastHeartbeatAt;
  if (pause) return settle(view, { status: 'paused', dueAt: pause.until, lastHeartbeatAt }, now);
  // The clock restarts at the last heartbeat or at the end of a maintenance window, whichever is later;
  // `dueAt` carries that restart (it was computed from it), so nothing else needs storing.
  let reference = lastHeartbeatAt ? new Date(lastHeartbeatAt) : undefined;
  const restart = restartedAt(view, now, timing);
  if (reference && restart && restart > reference) reference = restart;
  if (!reference) return settle(view, { status: 'new', dueAt: undefined, lastHeartbeatAt }, now);
  const status = statusAfterSilence(reference, now, timing);
  return settle(view, { status, dueAt: nextDue(status, reference, timing), lastHeartbeatAt }, now);
}

/** When the deployment's clock last restarted other than by a heartbeat, derived from `dueAt`. */
function restartedAt(view: StatusView, now: Date, timing: Timing): Date | undefined {
  if (!view.dueAt) return undefined;
  const due = Date.parse(view.dueAt);
  if (view.status === 'paused') return new Date(Math.min(due, now.getTime()));
  if (view.status === 'up') return new Date(due - timing.periodSeconds * S);
  if (view.status === 'late') return new Date(due - (timing.periodSeconds + timing.graceSeconds) * S);
  return undefined;
}

function settle(
  view: StatusView,
  next: { status: DeploymentStatus; dueAt: Date | undefined; lastHeartbeatAt: string | undefined },
  now: Date,
): StatusStep {
  const changed = next.status !== view.status;
  const flip = changed && (next.status === 'down' || (view.status === 'down' && next.status === 'up'));
  const transitions = recentTransitions(
    flip ? [...view.recentTransitions, now.toISOString()] : view.recentTransitions,
    now,
  );
  const out: StatusView = {
    status: next.status,
    statusSince: changed ? now.toISOString() : view.statusSince,
    recentTransitions: transitions,
    flapping: transitions.length >= FLAPPING.threshold,
    ...(next.dueAt ? { dueAt: next.dueAt.toISOString() } : {}),
    ...(next.lastHeartbeatAt ? { lastHeartbeatAt: next.lastHeartbeatAt } : {}),
  };
  return changed ? { view: out, change: { from: view.status, to: next.status } } : { view: out };
}

/** Transitions within the flapping window, capped. */
function recentTransitions(times: string[], now: Date): string[] {
  const since = now.getTime() - FLAPPING.windowMinutes * 60 * S;
  return times.filter((t) => Date.parse(t) > since).slice(-FLAPPING.keep);
}

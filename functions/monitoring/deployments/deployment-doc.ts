/** Building and updating deployment documents. */
import {
  DEFAULT_GRACE_SECONDS,
  DEFAULT_PERIOD_SECONDS,
  type Deployment,
  type HeartbeatSummary,
  type RequestSample,
} from '@kpi/shared/contracts/monitoring-deployment';
import type { Heartbeat } from '@kpi/shared/contracts/monitoring-heartbeat';
import type { MaintenanceWindow } from '@kpi/shared/contracts/monitoring-rules';
import type { applySweep, StatusStep, StatusView } from '@kpi/shared/domain/monitoring/deployment-status';
import { activeMaintenance } from '@kpi/shared/domain/monitoring/silences';

/** Request samples are kept for this long (the longest error-rate window a tenant may set is a day). */
const SAMPLE_KEEP_MS = 24 * 3600_000;
const SAMPLE_CAP = 240;

/** A deployment nobody has heard from yet. */
export function newDeployment(tenantId: string, id: string, now: Date): Deployment {
  return {
    id,
    tenantId,
    status: 'new',
    statusSince: now.toISOString(),
    periodSeconds: DEFAULT_PERIOD_SECONDS,
    graceSeconds: DEFAULT_GRACE_SECONDS,
    recentRequests: [],
    recentTransitions: [],
    flapping: false,
    openAlerts: {},
    alertSeq: 0,
    commandsPending: false,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** The status-machine view of a deployment. */
export function statusView(d: Deployment): StatusView {
  return {
    status: d.status,
    statusSince: d.statusSince,
    recentTransitions: d.recentTransitions,
    flapping: d.flapping,
    ...(d.dueAt ? { dueAt: d.dueAt } : {}),
    ...(d.lastHeartbeatAt ? { lastHeartbeatAt: d.lastHeartbeatAt } : {}),
  };
}

/** The deployment with a new status view (dueAt removed when the view has none). */
export function withView(d: Deployment, view: StatusView, now: Date): Deployment {
  const { dueAt: _old, ...rest } = d;
  return { ...rest, ...view, updatedAt: now.toISOString() };
}

/**
 * The status machine's step for the deployment at `now` (`applyHeartbeat` on a heartbeat, `applySweep` when
 * due), paused while one of the tenant's maintenance windows covers it.
 */
export function statusStep(
  apply: typeof applySweep,
  d: Deployment,
  windows: readonly MaintenanceWindow[],
  now: Date,
): StatusStep {
  const maintenance = activeMaintenance(windows, d.id, now);
  const timing = { periodSeconds: d.periodSeconds, graceSeconds: d.graceSeconds };
  return apply(statusView(d), now, timing, maintenance && { until: maintenance.occurrence.end });
}

export function summarise(hb: Heartbeat, receivedAt: Date): HeartbeatSummary {
  return {
    id: hb.id,
    receivedAt: receivedAt.toISOString(),
    sentAt: hb.sentAt,
    appVersion: hb.appVersion,
    ...(hb.catalogVersion !== undefined ? { catalogVersion: hb.catalogVersion } : {}),
    uptimeSeconds: hb.uptimeSeconds,
    cpuPercent: hb.process.cpuPercent,
    memoryRssMb: hb.process.memoryRssMb,
    eventLoopLagMs: hb.process.eventLoopLagMs,
    requestCount: hb.requests.count,
    errorCount: hb.requests.errors,
    p50Ms: hb.requests.p50Ms,
    p95Ms: hb.requests.p95Ms,
    ...(hb.kpiCalculationMs !== undefined ? { kpiCalculationMs: hb.kpiCalculationMs } : {}),
    ...(hb.dataFreshnessSeconds !== undefined ? { dataFreshnessSeconds: hb.dataFreshnessSeconds } : {}),
    recentErrors: hb.recentErrors.slice(0, 10),
  };
}

/** Appends a sample and drops old ones. */
export function addSample(
  samples: readonly RequestSample[],
  sample: RequestSample,
  now: Date,
): RequestSample[] {
  const since = now.getTime() - SAMPLE_KEEP_MS;
  return [...samples, sample].filter((s) => Date.parse(s.at) > since).slice(-SAMPLE_CAP);
}

/**
 * What a heartbeat may change on its deployment. `none`: it was counted already (its id is the latest or in
 * the samples) or it is a replay older than the latest, whose sample may have aged out of the list: a
 * replay must never count twice. `sample`: an older heartbeat seen for the first time (a sender's buffer
 * replayed out of order): its requests count, but it never replaces the newer latest heartbeat. `full`:
 * the newest heartbeat, also when it is a replay stored before but never applied (its first request failed
 * after the store).
 */
export type HeartbeatEffect = 'none' | 'sample' | 'full';

export function heartbeatEffect(d: Deployment | undefined, hb: Heartbeat, replay: boolean): HeartbeatEffect {
  if (!d) return 'full';
  if (d.lastHeartbeat?.id === hb.id || d.recentRequests.some((s) => s.heartbeatId === hb.id)) return 'none';
  if (isNewer(hb, d.lastHeartbeat)) return 'full';
  return replay ? 'none' : 'sample';
}

/** Send time decides (the sender's clock, the same for all its heartbeats); the id breaks ties. */
function isNewer(hb: Heartbeat, last: HeartbeatSummary | undefined): boolean {
  if (!last?.sentAt) return true;
  const a = Date.parse(hb.sentAt);
  const b = Date.parse(last.sentAt);
  return a !== b ? a > b : hb.id > last.id;
}

/**
 * The heartbeat timer's use case: merge every instance's completed request minutes into the sender, then one
 * heartbeat through `shared/telemetry` (buffered and replayed when monitoring is unreachable) carrying what
 * support needs and no business data: versions, licence state and days left, catalog version, request
 * count, error rate and latency percentiles, recent errors. Remote commands in the answer run once each.
 */
import type { HeartbeatSender } from '@kpi/shared/telemetry/heartbeat-sender';
import { type MetricsStore, minuteOf } from './request-metrics';

export async function sendHeartbeat(
  sender: HeartbeatSender,
  metrics: MetricsStore,
  now: Date,
): Promise<{ sent: number; buffered: number; state: string }> {
  for (const w of await metrics.takeBefore(minuteOf(now))) sender.recordWindow(w);
  const r = await sender.tick();
  return { sent: r.sent, buffered: r.buffered, state: r.state };
}

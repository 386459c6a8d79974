/** Process metrics of the running Node process, as a heartbeat reports them (CPU since the last call). */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { z } from 'zod';
import type { processMetricsSchema } from '../contracts/monitoring-heartbeat';

export type ProcessMetrics = z.infer<typeof processMetricsSchema>;

const MB = 1024 * 1024;
const round = (n: number) => Math.round(n * 10) / 10;

/** A sampler: each call reports CPU use and mean event-loop delay since the previous call. */
export function nodeProcessMetrics(): () => ProcessMetrics {
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  let lastCpu = process.cpuUsage();
  let lastAt = performance.now();
  return () => {
    const cpu = process.cpuUsage(lastCpu);
    const at = performance.now();
    const elapsedMs = Math.max(1, at - lastAt);
    lastCpu = process.cpuUsage();
    lastAt = at;
    const mem = process.memoryUsage();
    const lagMs = Number.isFinite(delay.mean) ? delay.mean / 1e6 : 0;
    delay.reset();
    return {
      cpuPercent: round(Math.min(10_000, ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100)),
      memoryRssMb: round(mem.rss / MB),
      heapUsedMb: round(mem.heapUsed / MB),
      eventLoopLagMs: round(Math.min(86_400_000, lagMs)),
    };
  };
}

/**
 * The platform self-check: can this app reach each dependency it needs, and how fast. Runs on a timer and
 * stores the latest result per app, so the Monitor UI shows whether the platform itself is healthy.
 */
import type { DependencyCheck, PlatformHealth } from '@kpi/shared/contracts/platform-health';

/** One dependency probe: resolves when the dependency answered, rejects with why it did not. */
export type Probe = () => Promise<unknown>;

/** Probes slower than this count as degraded even when they answer. */
export const SLOW_PROBE_MS = 2_000;

export async function runCheck(
  name: string,
  probe: Probe,
  now: () => number = performance.now.bind(performance),
): Promise<DependencyCheck> {
  const started = now();
  try {
    await probe();
    const latencyMs = Math.round(now() - started);
    const check: DependencyCheck = { name, status: latencyMs > SLOW_PROBE_MS ? 'degraded' : 'ok', latencyMs };
    if (check.status === 'degraded') check.message = `answered in ${latencyMs} ms`;
    return check;
  } catch (err) {
    return {
      name,
      status: 'degraded',
      latencyMs: Math.round(now() - started),
      message: (err as Error).message,
    };
  }
}

/** Runs every probe concurrently and summarises: degraded if any dependency is. */
export async function checkPlatform(
  app: string,
  probes: Record<string, Probe>,
  at: Date,
): Promise<PlatformHealth> {
  const checks = await Promise.all(Object.entries(probes).map(([name, probe]) => runCheck(name, probe)));
  return {
    id: app,
    app,
    checkedAt: at.toISOString(),
    status: checks.every((c) => c.status === 'ok') ? 'ok' : 'degraded',
    checks,
  };
}

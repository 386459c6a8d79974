/**
 * Scripted misbehaviour of simulated deployments (pure). Each deployment gets a plan from the scenario and
 * its index: a kind and repeating episodes in periods of the heartbeat. Outside an episode it behaves
 * (recovery); inside one it goes silent (no heartbeats: late → down → alert), answers with many errors,
 * slowly (p95 up), or grows its memory until it "restarts".
 */

export const SCENARIOS = ['mixed', 'healthy'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const MISBEHAVIOURS = ['healthy', 'silent', 'error-spike', 'slow', 'memory-growth'] as const;
export type Misbehaviour = (typeof MISBEHAVIOURS)[number];

export interface DeploymentPlan {
  kind: Misbehaviour;
  /** First episode starts after this many periods (staggered so the fleet does not misbehave in step). */
  offsetPeriods: number;
  /** Episode length in periods. */
  episodePeriods: number;
  /** Episodes repeat every this many periods. */
  cyclePeriods: number;
  /** Baseline figures of this deployment (varied a little across the fleet). */
  baseLatencyMs: number;
  baseMemoryMb: number;
  requestsPerPeriod: number;
}

export interface Behaviour {
  /** No heartbeat at all (the process is down or cut off). */
  silent: boolean;
  /** Share of requests that fail, 0..1. */
  errorRate: number;
  /** Median request latency; p95 follows at about 3×. */
  latencyMs: number;
  memoryMb: number;
  requests: number;
  /** The episode in progress, if any. */
  episode?: Exclude<Misbehaviour, 'healthy'>;
}

/** In `mixed`, out of every 20 deployments: one of each misbehaviour, the other 16 healthy. */
const MIXED_ROLES: readonly Misbehaviour[] = ['silent', 'error-spike', 'slow', 'memory-growth'];

/** Episode lengths (periods): long enough to trip the alert rules at the default 60 s period, 3 min grace. */
const EPISODE: Record<Exclude<Misbehaviour, 'healthy'>, number> = {
  silent: 6,
  'error-spike': 3,
  slow: 4,
  'memory-growth': 8,
};

/** Deterministic small variation from the index (no randomness: re-runs reproduce the fleet). */
function vary(index: number, salt: number, span: number): number {
  const x = Math.sin((index + 1) * 12.9898 + salt * 78.233) * 43_758.5453;
  return Math.floor((x - Math.floor(x)) * span);
}

export function planFor(scenario: ScenarioName, index: number): DeploymentPlan {
  const kind = scenario === 'mixed' ? (MIXED_ROLES[index % 20] ?? 'healthy') : 'healthy';
  const episodePeriods = kind === 'healthy' ? 0 : EPISODE[kind];
  return {
    kind,
    offsetPeriods: 2 + (Math.floor(index / 20) % 4),
    episodePeriods,
    cyclePeriods: Math.max(16, episodePeriods * 2),
    baseLatencyMs: 20 + vary(index, 1, 40),
    baseMemoryMb: 180 + vary(index, 2, 120),
    requestsPerPeriod: 40 + vary(index, 3, 120),
  };
}

/** Where in its episode cycle the deployment is after `periodsElapsed` periods: -1 outside an episode. */
export function episodePeriod(plan: DeploymentPlan, periodsElapsed: number): number {
  if (plan.kind === 'healthy' || periodsElapsed < plan.offsetPeriods) return -1;
  const inCycle = (periodsElapsed - plan.offsetPeriods) % plan.cyclePeriods;
  return inCycle < plan.episodePeriods ? inCycle : -1;
}

/** The deployment's behaviour `elapsedMs` after the simulation started. */
export function behaviourAt(plan: DeploymentPlan, elapsedMs: number, periodMs: number): Behaviour {
  const periods = Math.floor(Math.max(0, elapsedMs) / periodMs);
  const healthy: Behaviour = {
    silent: false,
    errorRate: 0.002,
    latencyMs: plan.baseLatencyMs,
    memoryMb: plan.baseMemoryMb,
    requests: plan.requestsPerPeriod,
  };
  const at = episodePeriod(plan, periods);
  if (at < 0 || plan.kind === 'healthy') return healthy;
  switch (plan.kind) {
    case 'silent':
      return { ...healthy, silent: true, episode: 'silent' };
    case 'error-spike':
      return { ...healthy, errorRate: 0.35, episode: 'error-spike' };
    case 'slow':
      return { ...healthy, latencyMs: plan.baseLatencyMs * 40, episode: 'slow' };
    case 'memory-growth':
      // Grows by the baseline each period (past the 1.5 GB default threshold), then drops back: it restarts.
      return {
        ...healthy,
        memoryMb: Math.round(plan.baseMemoryMb * (2 + at)),
        episode: 'memory-growth',
      };
  }
}

/**
 * The metric alert rules, evaluated on each heartbeat: error rate over a window, p95 latency, memory, data
 * freshness and minimum app version. Each evaluation says whether the rule fires; a rule without data (no
 * requests, no freshness reported) says nothing, so an open alert is neither confirmed nor resolved by it.
 */
import type { AlertRule, Severity } from '../../contracts/monitoring-alert';
import type { HeartbeatSummary, RequestSample } from '../../contracts/monitoring-deployment';
import {
  DEFAULT_THRESHOLDS,
  type ThresholdOverrides,
  type Thresholds,
} from '../../contracts/monitoring-rules';
import { compareVersions } from './version';

/** The verdict of one rule. */
export interface RuleEvaluation {
  rule: AlertRule;
  firing: boolean;
  severity: Severity;
  summary: string;
  observed?: number;
  threshold?: number;
}

/** Defaults with the tenant's overrides applied (undefined overrides keep the default). */
export function effectiveThresholds(overrides: ThresholdOverrides | undefined): Thresholds {
  const out: Thresholds = { ...DEFAULT_THRESHOLDS };
  for (const [k, v] of Object.entries(overrides ?? {}))
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Request samples inside the error-rate window ending at `now`. */
export function samplesInWindow(
  samples: readonly RequestSample[],
  now: Date,
  windowMinutes: number,
): RequestSample[] {
  const since = now.getTime() - windowMinutes * 60_000;
  return samples.filter((s) => Date.parse(s.at) > since && Date.parse(s.at) <= now.getTime());
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Evaluates every metric rule not in `disabled` for the latest heartbeat. */
export function evaluateHeartbeatRules(input: {
  heartbeat: HeartbeatSummary;
  samples: readonly RequestSample[];
  now: Date;
  thresholds: Thresholds;
  disabled?: readonly AlertRule[];
}): RuleEvaluation[] {
  const { heartbeat: hb, thresholds: t, now } = input;
  const out: RuleEvaluation[] = [];

  const window = samplesInWindow(input.samples, now, t.errorRateWindowMinutes);
  const requests = window.reduce((a, s) => a + s.count, 0);
  const errors = window.reduce((a, s) => a + s.errors, 0);
  if (requests >= t.errorRateMinRequests && requests > 0) {
    const rate = errors / requests;
    out.push({
      rule: 'error-rate',
      firing: rate > t.errorRate,
      severity: 'critical',
      observed: round(rate, 4),
      threshold: t.errorRate,
      summary: `Error rate ${round(rate * 100)}% over ${t.errorRateWindowMinutes} min (${errors}/${requests}), limit ${round(t.errorRate * 100)}%`,
    });
  }
  if (hb.requestCount > 0) {
    out.push({
      rule: 'latency-p95',
      firing: hb.p95Ms > t.latencyP95Ms,
      severity: 'warning',
      observed: hb.p95Ms,
      threshold: t.latencyP95Ms,
      summary: `p95 latency ${round(hb.p95Ms)} ms, limit ${t.latencyP95Ms} ms`,
    });
  }
  out.push({
    rule: 'memory',
    firing: hb.memoryRssMb > t.memoryRssMb,
    severity: 'warning',
    observed: hb.memoryRssMb,
    threshold: t.memoryRssMb,
    summary: `Memory ${round(hb.memoryRssMb)} MB, limit ${t.memoryRssMb} MB`,
  });
  if (hb.dataFreshnessSeconds !== undefined) {
    out.push({
      rule: 'data-freshness',
      firing: hb.dataFreshnessSeconds > t.dataFreshnessSeconds,
      severity: 'warning',
      observed: hb.dataFreshnessSeconds,
      threshold: t.dataFreshnessSeconds,
      summary: `Newest data is ${Math.round(hb.dataFreshnessSeconds / 60)} min old, limit ${Math.round(t.dataFreshnessSeconds / 60)} min`,
    });
  }
  if (t.minAppVersion) {
    const cmp = compareVersions(hb.appVersion, t.minAppVersion);
    out.push({
      rule: 'app-version',
      firing: cmp === undefined || cmp < 0,
      severity: 'warning',
      summary:
        cmp === undefined
          ? `App version ${hb.appVersion} is not a version number (minimum ${t.minAppVersion})`
          : `App version ${hb.appVersion}, minimum supported ${t.minAppVersion}`,
    });
  }
  const disabled = new Set(input.disabled ?? []);
  return out.filter((e) => !disabled.has(e.rule));
}

/** The heartbeat-missing verdict from a status: fires when down, clears when up; says nothing otherwise. */
export function evaluateStatus(
  status: string,
  periodSeconds: number,
  graceSeconds: number,
): RuleEvaluation[] {
  if (status === 'down') {
    return [
      {
        rule: 'heartbeat-missing',
        firing: true,
        severity: 'critical',
        summary: `No heartbeat for more than ${periodSeconds + graceSeconds} s (period ${periodSeconds} s + grace ${graceSeconds} s)`,
      },
    ];
  }
  if (status === 'up') {
    return [
      { rule: 'heartbeat-missing', firing: false, severity: 'critical', summary: 'Heartbeats are back' },
    ];
  }
  return [];
}

/**
 * Silences (Alertmanager-style): label matchers and a schedule. A silenced alert is still recorded and
 * shown; only its notifications are held back. Maintenance windows pause a deployment's status instead.
 */
import type { AlertRule, Severity } from '../../contracts/monitoring-alert';
import type { MaintenanceWindow, Matcher, Silence } from '../../contracts/monitoring-rules';
import { type Occurrence, occurrenceAt } from './schedule';

/** The labels an alert is matched on. */
export interface AlertLabels {
  deploymentId: string;
  rule: AlertRule;
  severity: Severity;
}

/** Compiles a `=~`/`!~` value as a full-match pattern; undefined when it is not a valid pattern. */
function pattern(value: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${value})$`);
  } catch {
    return undefined;
  }
}

/** A problem with a matcher (an invalid pattern), or undefined. */
export function matcherProblem(m: Matcher): string | undefined {
  if ((m.op === '=~' || m.op === '!~') && !pattern(m.value)) return `invalid pattern ${m.value}`;
  return undefined;
}

/** True when the alert's label satisfies the matcher. */
export function matches(m: Matcher, labels: AlertLabels): boolean {
  const actual = labels[m.label];
  switch (m.op) {
    case '=':
      return actual === m.value;
    case '!=':
      return actual !== m.value;
    case '=~':
      return pattern(m.value)?.test(actual) ?? false;
    case '!~':
      return !(pattern(m.value)?.test(actual) ?? false);
  }
}

/** The first silence that is active at `at` and whose matchers ALL match the alert. */
export function activeSilence(
  silences: readonly Silence[],
  labels: AlertLabels,
  at: Date,
): Silence | undefined {
  return silences.find((s) => s.matchers.every((m) => matches(m, labels)) && occurrenceAt(s.schedule, at));
}

/** The maintenance window covering a deployment at `at`, with its occurrence (the latest-ending one). */
export function activeMaintenance(
  windows: readonly MaintenanceWindow[],
  deploymentId: string,
  at: Date,
): { window: MaintenanceWindow; occurrence: Occurrence } | undefined {
  let best: { window: MaintenanceWindow; occurrence: Occurrence } | undefined;
  for (const w of windows) {
    if (w.deploymentIds.length > 0 && !w.deploymentIds.includes(deploymentId)) continue;
    const occurrence = occurrenceAt(w.schedule, at);
    if (occurrence && (!best || occurrence.end > best.occurrence.end)) best = { window: w, occurrence };
  }
  return best;
}

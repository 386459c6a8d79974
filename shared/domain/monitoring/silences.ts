/**
 * Silences (Alertmanager-style): label matchers and a schedule. A silenced alert is still recorded and
 * shown; only its notifications are held back. Maintenance windows pause a deployment's status instead.
 */
import { RE2JS } from 're2js';
import type { AlertRule, Severity } from '../../contracts/monitoring-alert';
import type { MaintenanceWindow, Matcher, Silence } from '../../contracts/monitoring-rules';
import { type Occurrence, occurrenceAt } from './schedule';

/** The labels an alert is matched on. */
export interface AlertLabels {
  deploymentId: string;
  rule: AlertRule;
  severity: Severity;
}

/*
 * Patterns (`=~`, `!~`) run on RE2JS, the JavaScript port of RE2: matching takes time linear in the input
 * whatever the pattern, so a tenant's silence can never stall the mailer or the heartbeat path for every
 * tenant, as `new RegExp('(x+x+)+y')` did (seconds on a 28-character id). Like Alertmanager's matchers, it
 * speaks RE2 syntax: what RE2 cannot run in linear time (look-around, back-references) it refuses to
 * compile, and a create or edit is refused with that reason. It is pure JavaScript, so the Monitor UI's
 * preview uses this very module and agrees with the server. A global `RegExp` fallback would reopen the
 * hole; there is none.
 */

/** Compiled patterns by source (a silence's matchers are tested for every alert of every delivery). */
const compiled = new Map<string, { re: RE2JS } | { problem: string }>();
const COMPILED_KEEP = 500;

function compile(value: string): { re: RE2JS } | { problem: string } {
  const hit = compiled.get(value);
  if (hit) return hit;
  let out: { re: RE2JS } | { problem: string };
  try {
    out = { re: RE2JS.compile(value) };
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '') : String(err);
    out = { problem: reason };
  }
  if (compiled.size >= COMPILED_KEEP) compiled.clear();
  compiled.set(value, out);
  return out;
}

/** Why the pattern cannot be used (RE2 syntax, linear-time features only), or undefined when it can. */
export function patternProblem(value: string): string | undefined {
  const c = compile(value);
  return 'problem' in c ? c.problem : undefined;
}

/** True when the whole of `text` matches the pattern; an unusable pattern matches nothing. */
export function patternMatches(value: string, text: string): boolean {
  const c = compile(value);
  return 're' in c && c.re.matches(text);
}

/** A problem with a matcher (a pattern RE2 cannot take, with the reason), or undefined. */
export function matcherProblem(m: Matcher): string | undefined {
  if (m.op !== '=~' && m.op !== '!~') return undefined;
  const problem = patternProblem(m.value);
  return problem && `invalid pattern ${m.value} for ${m.label} ${m.op}: ${problem}`;
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
      return patternMatches(m.value, actual);
    case '!~':
      return !patternMatches(m.value, actual);
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

/**
 * Alert lifecycle: open → acknowledged (with a comment) → resolved (on recovery, or by hand). At most one
 * open alert per rule and deployment: the deployment keeps the open alert id per rule, and a firing rule
 * with an open alert changes nothing. Alert ids are deterministic (deployment, rule, sequence), so a
 * repeated evaluation creates the same id instead of a second alert.
 */
import { ENTITY_ID_MAX_LENGTH } from '../../contracts/ids';
import type { Alert, AlertRule } from '../../contracts/monitoring-alert';
import type { RuleEvaluation } from './alert-rules';

/** A lifecycle step that is not allowed (mapped to 409 at the edge). */
export class AlertTransitionError extends Error {
  override readonly name = 'AlertTransitionError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the evaluations mean for the deployment's open alerts. */
export interface AlertPlan {
  toOpen: RuleEvaluation[];
  toResolve: { rule: AlertRule; alertId: string }[];
}

/** Firing rules without an open alert are opened; open alerts whose rule clearly stopped firing are resolved. */
export function planAlerts(
  openAlerts: Readonly<Record<string, string>>,
  evaluations: readonly RuleEvaluation[],
): AlertPlan {
  const plan: AlertPlan = { toOpen: [], toResolve: [] };
  for (const e of evaluations) {
    const open = openAlerts[e.rule];
    if (e.firing && !open) plan.toOpen.push(e);
    else if (!e.firing && open) plan.toResolve.push({ rule: e.rule, alertId: open });
  }
  return plan;
}

/**
 * Deterministic alert id, `<deploymentId>~<rule>~<seq>`, addressable by the alert routes (`ids.ts`: at most
 * 128 characters). When a long deployment id would make it longer, the deployment part becomes its start and
 * a hash of the whole id, `<start>~<hash>~<rule>~<seq>`: still readable, still one id per deployment.
 */
export function alertId(deploymentId: string, rule: AlertRule, seq: number): string {
  const tail = `~${rule}~${seq}`;
  const plain = `${deploymentId}${tail}`;
  if (plain.length <= ENTITY_ID_MAX_LENGTH) return plain;
  const hash = `~${fnv1a64(deploymentId)}`;
  return `${deploymentId.slice(0, ENTITY_ID_MAX_LENGTH - hash.length - tail.length)}${hash}${tail}`;
}

/** FNV-1a, 64 bits, of the UTF-8 bytes, as 13 base-36 digits: pure, so it runs in browsers and tests alike. */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text))
    h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(36).padStart(13, '0');
}

const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000).toISOString();

/** A new open alert. */
export function openAlert(input: {
  tenantId: string;
  deploymentId: string;
  evaluation: RuleEvaluation;
  seq: number;
  now: Date;
  reminderMinutes: number;
  flapping: boolean;
}): Alert {
  const { evaluation: e, now } = input;
  return {
    id: alertId(input.deploymentId, e.rule, input.seq),
    tenantId: input.tenantId,
    deploymentId: input.deploymentId,
    rule: e.rule,
    severity: e.severity,
    state: 'open',
    summary: e.summary,
    ...(e.observed !== undefined ? { observed: e.observed } : {}),
    ...(e.threshold !== undefined ? { threshold: e.threshold } : {}),
    openedAt: now.toISOString(),
    remindAt: addMinutes(now, input.reminderMinutes),
    reminders: 0,
    flapping: input.flapping,
    updatedAt: now.toISOString(),
  };
}

/** Acknowledge with a comment: reminders stop. Only an open alert can be acknowledged. */
export function acknowledgeAlert(alert: Alert, by: string, comment: string, now: Date): Alert {
  if (alert.state !== 'open') {
    throw new AlertTransitionError('ALERT.NOT_OPEN', `Alert ${alert.id} is ${alert.state}, not open`);
  }
  const { remindAt: _stop, ...rest } = alert;
  return {
    ...rest,
    state: 'acknowledged',
    acknowledgedAt: now.toISOString(),
    acknowledgedBy: by,
    comment,
    updatedAt: now.toISOString(),
  };
}

/** Resolve (by `auto` on recovery, or a user). A resolved alert stays resolved. */
export function resolveAlert(alert: Alert, by: string, now: Date, comment?: string): Alert {
  if (alert.state === 'resolved') {
    throw new AlertTransitionError('ALERT.ALREADY_RESOLVED', `Alert ${alert.id} is already resolved`);
  }
  const { remindAt: _stop, ...rest } = alert;
  return {
    ...rest,
    state: 'resolved',
    resolvedAt: now.toISOString(),
    resolvedBy: by,
    ...(comment ? { comment: alert.comment ? `${alert.comment}\n${comment}` : comment } : {}),
    updatedAt: now.toISOString(),
  };
}

/** An open alert whose reminder is due: counts the reminder and schedules the next one. */
export function remindAlert(alert: Alert, now: Date, reminderMinutes: number): Alert | undefined {
  if (alert.state !== 'open' || !alert.remindAt || alert.remindAt > now.toISOString()) return undefined;
  return {
    ...alert,
    reminders: alert.reminders + 1,
    remindAt: addMinutes(now, reminderMinutes),
    updatedAt: now.toISOString(),
  };
}

/**
 * The sweep (timer, every minute): finds deployments whose `dueAt` has passed with ONE query on it, so its
 * cost grows with the deployments that are due, not with the fleet; moves them to late/down/paused, opens
 * heartbeat-missing alerts, and sends reminders for alerts left open (same idea: a query on `remindAt`).
 * Idempotent: a second run at the same time finds nothing due; a deployment changed meanwhile by a
 * heartbeat loses its etag race and is skipped.
 */
import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import { remindAlert } from '@kpi/shared/domain/monitoring/alert-lifecycle';
import { evaluateStatus } from '@kpi/shared/domain/monitoring/alert-rules';
import { applySweep } from '@kpi/shared/domain/monitoring/deployment-status';
import type { Notice } from '@kpi/shared/domain/monitoring/notifications';
import { isPreconditionFailed } from '@kpi/shared/platform/cosmos/conditions';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { Logger } from '@kpi/shared/platform/log';
import { commitTransition, publishNotices, transitionAlerts } from '../alerts/alert-changes';
import type { AppDeps } from '../dependencies';
import { statusStep, withView } from '../deployments/deployment-doc';
import { tenantRules, thresholdsFor } from '../rules/tenant-rules';

/** At most this many due deployments (and reminders) per run; the rest are picked up by the next run. */
export const SWEEP_LIMIT = 2000;
const PAGE = 100;

export interface SweepResult {
  due: number;
  changed: number;
  reminders: number;
  notifications: number;
}

export async function sweep(deps: AppDeps, now: Date, log?: Logger): Promise<SweepResult> {
  const notices: Notice[] = [];
  const due = await dueDeployments(deps, now);
  let changed = 0;
  for (const d of due) {
    try {
      const result = await sweepOne(deps, d, now);
      if (result) {
        changed++;
        notices.push(...result);
      }
    } catch (err) {
      // One bad deployment must not stop the sweep; it stays due and is retried next minute.
      log?.error('sweep of a deployment failed', {
        deploymentId: d.id,
        tenantId: d.tenantId,
        error: String(err),
      });
    }
  }
  const reminders = await remind(deps, now, notices);
  const notifications = await publishNotices(deps.publisher, notices);
  return { due: due.length, changed, reminders, notifications };
}

async function dueDeployments(deps: AppDeps, now: Date): Promise<Deployment[]> {
  const out: Deployment[] = [];
  let token: string | undefined;
  do {
    const page = await deps.allDeployments.query(
      {
        where: 'c.dueAt <= @now',
        parameters: [{ name: '@now', value: now.toISOString() }],
        orderBy: 'c.dueAt',
      },
      { maxItemCount: PAGE, ...(token ? { continuationToken: token } : {}) },
    );
    out.push(...page.items);
    token = page.continuationToken;
  } while (token && out.length < SWEEP_LIMIT);
  return out;
}

/** Notices when the deployment's status changed, undefined when nothing changed. */
async function sweepOne(deps: AppDeps, seen: Deployment, now: Date): Promise<Notice[] | undefined> {
  const scope = systemScope(seen.tenantId, 'deployment sweep');
  const found = await deps.deployments.getVersioned(scope, seen.id);
  if (!found) return undefined;
  const current = found.item;
  const rules = await tenantRules(deps, current.tenantId, now.getTime());
  const step = statusStep(applySweep, current, rules.windows, now);
  const updated = withView(current, step.view, now);
  const evaluations = step.change
    ? evaluateStatus(updated.status, updated.periodSeconds, updated.graceSeconds)
    : [];
  const reminderMinutes = (await thresholdsFor(deps, current.tenantId, now.getTime())).reminderMinutes;
  const planned = transitionAlerts(updated, evaluations, {
    now,
    reminderMinutes,
    disabled: rules.settings?.disabledRules ?? [],
  });
  let notices: Notice[];
  try {
    ({ notices } = await commitTransition(deps, scope, planned, found.etag, now));
  } catch (err) {
    // A heartbeat won the race: it already set the status; nothing to do.
    if (isPreconditionFailed(err)) return undefined;
    throw err;
  }
  return step.change ? notices : notices.length > 0 ? notices : undefined;
}

/** Reminders for open alerts whose `remindAt` passed. */
async function remind(deps: AppDeps, now: Date, notices: Notice[]): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await deps.allAlerts.query(
      {
        where: "c.remindAt <= @now AND c.state = 'open'",
        parameters: [{ name: '@now', value: now.toISOString() }],
        orderBy: 'c.remindAt',
      },
      { maxItemCount: PAGE, ...(token ? { continuationToken: token } : {}) },
    );
    for (const alert of page.items) {
      const scope = systemScope(alert.tenantId, 'alert reminders');
      const thresholds = await thresholdsFor(deps, alert.tenantId, now.getTime());
      const next = remindAlert(alert, now, thresholds.reminderMinutes);
      if (!next) continue;
      const found = await deps.alerts.getVersioned(scope, alert.id);
      if (!found || found.item.remindAt !== alert.remindAt) continue;
      try {
        await deps.alerts.replace(scope, next, { ifMatch: found.etag });
      } catch (err) {
        if (isPreconditionFailed(err)) continue;
        throw err;
      }
      notices.push({
        tenantId: alert.tenantId,
        alertId: alert.id,
        kind: 'reminder',
        occurrence: next.reminders,
      });
      count++;
    }
    token = page.continuationToken;
  } while (token && count < SWEEP_LIMIT);
  return count;
}

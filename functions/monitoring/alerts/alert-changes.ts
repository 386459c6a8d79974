/**
 * Turning rule verdicts into alert changes, shared by heartbeat intake and the sweep. The deployment
 * document holds the open alert id per rule, so the deployment write (with its etag) decides whether an
 * alert opens; the alert documents are written afterwards with deterministic ids, so a retry rewrites the
 * same alert instead of opening a second one.
 */

import type { Alert, AlertRule } from '@kpi/shared/contracts/monitoring-alert';
import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import type { LicenseNotice } from '@kpi/shared/contracts/monitoring-notification';
import { openAlert, planAlerts, resolveAlert } from '@kpi/shared/domain/monitoring/alert-lifecycle';
import type { RuleEvaluation } from '@kpi/shared/domain/monitoring/alert-rules';
import { groupNotices, type Notice } from '@kpi/shared/domain/monitoring/notifications';
import { isConflict } from '@kpi/shared/platform/cosmos/conditions';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { topicName } from '@kpi/shared/platform/servicebus/entity-names';
import type { EventPublisher } from '@kpi/shared/platform/servicebus/ports';
import type { AppDeps } from '../dependencies';

const NOTIFY_TOPIC = topicName('monitoring-notifications');

/** Alert documents to write once the deployment write has succeeded. */
export interface AlertChanges {
  open: Alert[];
  resolve: { rule: string; alertId: string }[];
}

/** What keeps the open alert per rule: a deployment, or a tracked licence. */
export interface AlertHolder {
  id: string;
  tenantId: string;
  openAlerts: Record<string, string>;
  alertSeq: number;
  flapping?: boolean;
}

/**
 * Applies verdicts to the holder's open-alert bookkeeping. `subject` is the alert's `deploymentId`
 * (the deployment id, or `license:<id>`); `notify` adds recipients to new alerts.
 */
export function planDeploymentAlerts<T extends AlertHolder = Deployment>(
  deployment: T,
  evaluations: readonly RuleEvaluation[],
  now: Date,
  reminderMinutes: number,
  extra: { subject?: string; notify?: string[] } = {},
): { deployment: T; changes: AlertChanges } {
  const plan = planAlerts(deployment.openAlerts, evaluations);
  if (plan.toOpen.length === 0 && plan.toResolve.length === 0) {
    return { deployment, changes: { open: [], resolve: [] } };
  }
  const openAlerts = { ...deployment.openAlerts };
  let seq = deployment.alertSeq;
  const open = plan.toOpen.map((evaluation) => {
    const opened = openAlert({
      tenantId: deployment.tenantId,
      deploymentId: extra.subject ?? deployment.id,
      evaluation,
      seq: seq++,
      now,
      reminderMinutes,
      flapping: deployment.flapping === true && evaluation.rule === 'heartbeat-missing',
    });
    const alert = extra.notify?.length ? { ...opened, notify: extra.notify.slice(0, 20) } : opened;
    openAlerts[evaluation.rule] = alert.id;
    return alert;
  });
  for (const r of plan.toResolve) delete openAlerts[r.rule];
  return {
    deployment: { ...deployment, openAlerts, alertSeq: seq },
    changes: { open, resolve: plan.toResolve },
  };
}

/**
 * The one alert transition of a deployment, for heartbeat intake and the sweep alike. A disabled rule opens
 * no alert; its clearing verdict still resolves an alert opened before it was disabled (the condition is
 * gone, so the alert is too).
 */
export function transitionAlerts(
  deployment: Deployment,
  evaluations: readonly RuleEvaluation[],
  context: { now: Date; reminderMinutes: number; disabled: readonly AlertRule[] },
): { deployment: Deployment; changes: AlertChanges } {
  const disabled = new Set(context.disabled);
  const allowed = evaluations.filter((e) => !(e.firing && disabled.has(e.rule)));
  return planDeploymentAlerts(deployment, allowed, context.now, context.reminderMinutes);
}

/**
 * Writes a transition: the deployment first, with its etag (`ifMatch`; none: a create), which decides the
 * race; then the alert documents. A lost race throws before any alert is written, for the caller to retry
 * (intake) or skip (sweep). Returns the new etag and the notices to send.
 */
export async function commitTransition(
  stores: Pick<AppDeps, 'deployments' | 'alerts'>,
  scope: TenantScope,
  planned: { deployment: Deployment; changes: AlertChanges },
  ifMatch: string | undefined,
  now: Date,
): Promise<{ etag: string; notices: Notice[] }> {
  const saved = ifMatch
    ? await stores.deployments.replace(scope, planned.deployment, { ifMatch })
    : await stores.deployments.create(scope, planned.deployment);
  const notices = await commitAlertChanges(stores, scope, planned.changes, now);
  return { etag: saved.etag, notices };
}

/** Writes the alert documents; returns the notices to send. */
export async function commitAlertChanges(
  stores: Pick<AppDeps, 'alerts'>,
  scope: TenantScope,
  changes: AlertChanges,
  now: Date,
): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const alert of changes.open) {
    try {
      await stores.alerts.create(scope, alert);
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
    notices.push({ tenantId: alert.tenantId, alertId: alert.id, kind: 'opened', occurrence: 0 });
  }
  for (const r of changes.resolve) {
    const alert = await stores.alerts.get(scope, r.alertId);
    if (!alert || alert.state === 'resolved') continue;
    await stores.alerts.replace(scope, resolveAlert(alert, 'auto', now));
    notices.push({ tenantId: alert.tenantId, alertId: alert.id, kind: 'resolved', occurrence: 0 });
  }
  return notices;
}

/** Publishes notices grouped by tenant and kind; the group key is the message id (duplicate detection). */
export async function publishNotices(publisher: EventPublisher, notices: readonly Notice[]): Promise<number> {
  const groups = groupNotices(notices);
  for (const group of groups) {
    await publisher.publish(NOTIFY_TOPIC, {
      type: 'monitoring.notify',
      subject: group.tenantId,
      data: group,
      messageId: group.key,
    });
  }
  return groups.length;
}

/** Publishes one licence e-mail notice; its key (from the licence event) is the message id. */
export async function publishLicenseNotice(publisher: EventPublisher, notice: LicenseNotice): Promise<void> {
  await publisher.publish(NOTIFY_TOPIC, {
    type: 'monitoring.notify',
    subject: notice.tenantId,
    data: notice,
    messageId: notice.key,
  });
}

/** Acknowledge and resolve by hand, audited; a manual resolve frees the rule for a new alert. */
import type { Alert } from '@kpi/shared/contracts/monitoring-alert';
import {
  AlertTransitionError,
  acknowledgeAlert,
  resolveAlert,
} from '@kpi/shared/domain/monitoring/alert-lifecycle';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import { isPreconditionFailed } from '@kpi/shared/platform/cosmos/conditions';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { AppError, conflict, notFound } from '@kpi/shared/platform/errors';
import { recordAudit } from '../audit/record-audit';
import type { AppDeps } from '../dependencies';
import { publishNotices } from './alert-changes';

type Stores = Pick<AppDeps, 'alerts' | 'deployments' | 'audit' | 'publisher'>;

async function change(
  deps: Stores,
  scope: TenantScope,
  alertId: string,
  step: (a: Alert) => Alert,
): Promise<Alert> {
  const found = await deps.alerts.getVersioned(scope, alertId);
  if (!found) throw notFound('ALERT.NOT_FOUND', `Alert ${alertId} does not exist`);
  let next: Alert;
  try {
    next = step(found.item);
  } catch (err) {
    if (err instanceof AlertTransitionError) throw conflict(err.code, err.message);
    throw err;
  }
  return (await deps.alerts.replace(scope, next, { ifMatch: found.etag })).item;
}

export async function acknowledge(
  deps: Stores,
  caller: Caller,
  scope: TenantScope,
  alertId: string,
  comment: string,
  now = new Date(),
): Promise<Alert> {
  const alert = await change(deps, scope, alertId, (a) => acknowledgeAlert(a, caller.email, comment, now));
  await recordAudit(deps, scope, {
    actor: caller.email,
    action: 'alert.acknowledged',
    target: alertId,
    deploymentId: alert.deploymentId,
    details: { comment },
    at: now,
  });
  return alert;
}

export async function resolveByHand(
  deps: Stores,
  caller: Caller,
  scope: TenantScope,
  alertId: string,
  comment: string | undefined,
  now = new Date(),
): Promise<Alert> {
  const alert = await change(deps, scope, alertId, (a) => resolveAlert(a, caller.email, now, comment));
  await releaseRule(deps, scope, alert);
  await recordAudit(deps, scope, {
    actor: caller.email,
    action: 'alert.resolved',
    target: alertId,
    deploymentId: alert.deploymentId,
    ...(comment ? { details: { comment } } : {}),
    at: now,
  });
  await publishNotices(deps.publisher, [
    { tenantId: alert.tenantId, alertId: alert.id, kind: 'resolved', occurrence: 0 },
  ]);
  return alert;
}

/** Clears the deployment's pointer to this alert, so the rule can open a new one if it fires again. */
async function releaseRule(deps: Stores, scope: TenantScope, alert: Alert): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const found = await deps.deployments.getVersioned(scope, alert.deploymentId);
    if (!found || found.item.openAlerts[alert.rule] !== alert.id) return;
    const openAlerts = { ...found.item.openAlerts };
    delete openAlerts[alert.rule];
    try {
      await deps.deployments.replace(scope, { ...found.item, openAlerts }, { ifMatch: found.etag });
      return;
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
    }
  }
  throw new AppError('ALERT.RELEASE_FAILED', 'The deployment kept changing; try again', 503);
}

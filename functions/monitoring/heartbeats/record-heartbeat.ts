/**
 * Heartbeat intake: store the heartbeat once (its id is the sender's; a retry hits 409 and changes
 * nothing), update the deployment's status and metrics, open/resolve metric alerts, and hand out pending
 * remote commands. The deployment write is optimistic (etag) and retried on conflict with the sweep.
 */

import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import type { Heartbeat, HeartbeatResponse } from '@kpi/shared/contracts/monitoring-heartbeat';
import { evaluateHeartbeatRules, evaluateStatus } from '@kpi/shared/domain/monitoring/alert-rules';
import { applyHeartbeat } from '@kpi/shared/domain/monitoring/deployment-status';
import type { Notice } from '@kpi/shared/domain/monitoring/notifications';
import { activeMaintenance } from '@kpi/shared/domain/monitoring/silences';
import type { DeploymentCaller } from '@kpi/shared/platform/auth/caller';
import { whileAvailable } from '@kpi/shared/platform/availability';
import { scopeFor, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { ErrorCodes, forbidden, isAppError } from '@kpi/shared/platform/errors';
import { commitAlertChanges, planDeploymentAlerts, publishNotices } from '../alerts/alert-changes';
import { takePendingCommands } from '../commands/remote-commands';
import type { Dependencies } from '../dependencies';
import { addSample, newDeployment, statusView, summarise, withView } from '../deployments/deployment-doc';
import { tenantRules, thresholdsFor } from '../rules/tenant-rules';

const MAX_ATTEMPTS = 5;

export async function recordHeartbeat(
  deps: Dependencies,
  caller: DeploymentCaller,
  heartbeat: Heartbeat,
  now: Date = new Date(),
): Promise<HeartbeatResponse> {
  if (heartbeat.deploymentId !== caller.deploymentId) {
    throw forbidden(ErrorCodes.tenantForbidden, 'The heartbeat names another deployment than the credential');
  }
  const scope = scopeFor(caller);
  return whileAvailable(async () => {
    const duplicate = !(await storeHeartbeat(deps, caller, heartbeat, now));
    const { deployment, etag } = await updateDeployment(deps, scope, caller, heartbeat, now);
    const commands = deployment.commandsPending
      ? await takePendingCommands(deps, scope, caller.deploymentId, now)
      : [];
    if (deployment.commandsPending && commands.length === 0) {
      await clearCommandsPending(deps, scope, deployment, etag);
    }
    return {
      duplicate,
      serverTime: now.toISOString(),
      periodSeconds: deployment.periodSeconds,
      commands,
    };
  });
}

/** True when stored now, false when this id was stored before. */
async function storeHeartbeat(deps: Dependencies, caller: DeploymentCaller, hb: Heartbeat, now: Date) {
  try {
    await deps.heartbeats.create({ ...hb, tenantId: caller.tenantId, receivedAt: now.toISOString() });
    return true;
  } catch (err) {
    if (isAppError(err) && err.httpStatus === 409) return false;
    throw err;
  }
}

async function updateDeployment(
  deps: Dependencies,
  scope: TenantScope,
  caller: DeploymentCaller,
  hb: Heartbeat,
  now: Date,
): Promise<{ deployment: Deployment; etag: string }> {
  const rules = await tenantRules(deps, caller.tenantId, now.getTime());
  const thresholds = await thresholdsFor(deps, caller.tenantId, now.getTime());
  for (let attempt = 1; ; attempt++) {
    const found = await deps.deployments.getVersioned(scope, caller.deploymentId);
    const current = found?.item ?? newDeployment(caller.tenantId, caller.deploymentId, now);
    // Already applied (a retry after the heartbeat was stored): answer from the current state.
    if (found && current.lastHeartbeat?.id === hb.id) return { deployment: current, etag: found.etag };

    const maintenance = activeMaintenance(rules.windows, current.id, now);
    const timing = { periodSeconds: current.periodSeconds, graceSeconds: current.graceSeconds };
    const step = applyHeartbeat(
      statusView(current),
      now,
      timing,
      maintenance && { until: maintenance.occurrence.end },
    );
    const updated: Deployment = {
      ...withView(current, step.view, now),
      lastHeartbeat: summarise(hb, now),
      recentRequests: addSample(
        current.recentRequests,
        { at: now.toISOString(), count: hb.requests.count, errors: hb.requests.errors },
        now,
      ),
    };
    // During maintenance the deployment is paused: its metrics judge nothing (open alerts stay as they are).
    const evaluations =
      updated.status === 'paused'
        ? []
        : [
            ...evaluateHeartbeatRules({
              heartbeat: updated.lastHeartbeat as NonNullable<Deployment['lastHeartbeat']>,
              samples: updated.recentRequests,
              now,
              thresholds,
              disabled: rules.settings?.disabledRules ?? [],
            }),
            ...evaluateStatus(updated.status, updated.periodSeconds, updated.graceSeconds),
          ];
    const planned = planDeploymentAlerts(updated, evaluations, now, thresholds.reminderMinutes);
    let etag: string;
    try {
      etag = found
        ? (await deps.deployments.replace(scope, planned.deployment, { ifMatch: found.etag })).etag
        : (await deps.deployments.create(scope, planned.deployment)).etag;
    } catch (err) {
      const status = isAppError(err) ? err.httpStatus : undefined;
      if ((status === 412 || status === 409 || status === 404) && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
    const notices: Notice[] = await commitAlertChanges(deps, scope, planned.changes, now);
    if (notices.length > 0) await publishNotices(deps.publisher, notices);
    return { deployment: planned.deployment, etag };
  }
}

/**
 * No command is waiting any more: clear the flag, but only if nothing changed since this heartbeat's write
 * (a command issued meanwhile set the flag again and changed the etag; then it stays set).
 */
async function clearCommandsPending(
  deps: Dependencies,
  scope: TenantScope,
  deployment: Deployment,
  etag: string,
) {
  try {
    await deps.deployments.replace(scope, { ...deployment, commandsPending: false }, { ifMatch: etag });
  } catch (err) {
    if (!(isAppError(err) && err.httpStatus === 412)) throw err;
  }
}

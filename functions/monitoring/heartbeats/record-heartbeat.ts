/**
 * Heartbeat intake: store the heartbeat once (its id is the sender's; a replay hits a conflict and is
 * stored no second time), update the deployment's status and metrics, open/resolve metric alerts, and hand
 * out pending remote commands. A replay changes nothing and an older heartbeat never replaces a newer one
 * (`heartbeatEffect`). The deployment write is optimistic (etag): a lost race with another heartbeat or the
 * sweep is this server's to retry on a fresh read, never the sender's (it would only send the same again).
 */

import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import type { Heartbeat, HeartbeatResponse } from '@kpi/shared/contracts/monitoring-heartbeat';
import { evaluateHeartbeatRules, evaluateStatus } from '@kpi/shared/domain/monitoring/alert-rules';
import { applyHeartbeat } from '@kpi/shared/domain/monitoring/deployment-status';
import type { DeploymentCaller } from '@kpi/shared/platform/auth/caller';
import { whileAvailable } from '@kpi/shared/platform/availability';
import { isConflict, isPreconditionFailed } from '@kpi/shared/platform/cosmos/conditions';
import { scopeFor, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { ErrorCodes, forbidden } from '@kpi/shared/platform/errors';
import { commitTransition, publishNotices, transitionAlerts } from '../alerts/alert-changes';
import { takePendingCommands } from '../commands/remote-commands';
import type { AppDeps } from '../dependencies';
import {
  addSample,
  heartbeatEffect,
  newDeployment,
  statusStep,
  summarise,
  withView,
} from '../deployments/deployment-doc';
import { tenantRules, thresholdsFor } from '../rules/tenant-rules';
import { oneAtATime } from '../support/one-at-a-time';
import { retryLostRaces } from '../support/retry-lost-races';

export async function recordHeartbeat(
  deps: AppDeps,
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
    const { deployment, etag } = await updateDeployment(deps, scope, caller, heartbeat, duplicate, now);
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
async function storeHeartbeat(deps: AppDeps, caller: DeploymentCaller, hb: Heartbeat, now: Date) {
  try {
    await deps.heartbeats.create({ ...hb, tenantId: caller.tenantId, receivedAt: now.toISOString() });
    return true;
  } catch (err) {
    if (isConflict(err)) return false;
    throw err;
  }
}

async function updateDeployment(
  deps: AppDeps,
  scope: TenantScope,
  caller: DeploymentCaller,
  hb: Heartbeat,
  replay: boolean,
  now: Date,
): Promise<{ deployment: Deployment; etag: string }> {
  const rules = await tenantRules(deps, caller.tenantId, now.getTime());
  const thresholds = await thresholdsFor(deps, caller.tenantId, now.getTime());
  const intake: Intake = { deps, scope, caller, hb, replay, now, rules, thresholds };
  const key = `${caller.tenantId}/${caller.deploymentId}`;
  return oneAtATime(key, () => retryLostRaces(() => applyOnce(intake)));
}

interface Intake {
  deps: AppDeps;
  scope: TenantScope;
  caller: DeploymentCaller;
  hb: Heartbeat;
  replay: boolean;
  now: Date;
  rules: Awaited<ReturnType<typeof tenantRules>>;
  thresholds: Awaited<ReturnType<typeof thresholdsFor>>;
}

/** One read-modify-write of the deployment; throws on a lost race (the caller retries on a fresh read). */
async function applyOnce(intake: Intake): Promise<{ deployment: Deployment; etag: string }> {
  const { deps, scope, caller, hb, replay, now, rules, thresholds } = intake;
  const found = await deps.deployments.getVersioned(scope, caller.deploymentId);
  const effect = heartbeatEffect(found?.item, hb, replay);
  if (found && effect === 'none') return { deployment: found.item, etag: found.etag };
  const current = found?.item ?? newDeployment(caller.tenantId, caller.deploymentId, now);
  const sample = {
    at: now.toISOString(),
    count: hb.requests.count,
    errors: hb.requests.errors,
    heartbeatId: hb.id,
  };
  if (found && effect === 'sample') {
    // An older heartbeat: its requests count; status and latest heartbeat stay with the newer one.
    const counted = { ...current, recentRequests: addSample(current.recentRequests, sample, now) };
    const saved = await deps.deployments.replace(scope, counted, { ifMatch: found.etag });
    return { deployment: counted, etag: saved.etag };
  }

  const step = statusStep(applyHeartbeat, current, rules.windows, now);
  const updated: Deployment = {
    ...withView(current, step.view, now),
    lastHeartbeat: summarise(hb, now),
    recentRequests: addSample(current.recentRequests, sample, now),
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
          }),
          ...evaluateStatus(updated.status, updated.periodSeconds, updated.graceSeconds),
        ];
  const planned = transitionAlerts(updated, evaluations, {
    now,
    reminderMinutes: thresholds.reminderMinutes,
    disabled: rules.settings?.disabledRules ?? [],
  });
  const { etag, notices } = await commitTransition(deps, scope, planned, found?.etag, now);
  if (notices.length > 0) await publishNotices(deps.publisher, notices);
  return { deployment: planned.deployment, etag };
}

/**
 * No command is waiting any more: clear the flag, but only if nothing changed since this heartbeat's write
 * (a command issued meanwhile set the flag again and changed the etag; then it stays set).
 */
async function clearCommandsPending(deps: AppDeps, scope: TenantScope, deployment: Deployment, etag: string) {
  try {
    await deps.deployments.replace(scope, { ...deployment, commandsPending: false }, { ifMatch: etag });
  } catch (err) {
    if (!isPreconditionFailed(err)) throw err;
  }
}

/** Registering a deployment or changing its timing; the due time follows the new timing at once. */
import type { Deployment, DeploymentSettings } from '@kpi/shared/contracts/monitoring-deployment';
import { nextDue } from '@kpi/shared/domain/monitoring/deployment-status';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { isAppError } from '@kpi/shared/platform/errors';
import type { Dependencies } from '../dependencies';
import { newDeployment } from './deployment-doc';

export async function changeDeploymentSettings(
  deps: Pick<Dependencies, 'deployments'>,
  scope: TenantScope,
  deploymentId: string,
  settings: DeploymentSettings,
  now: Date,
): Promise<Deployment> {
  for (let attempt = 1; ; attempt++) {
    const found = await deps.deployments.getVersioned(scope, deploymentId);
    const current = found?.item ?? newDeployment(scope.tenantId, deploymentId, now);
    const next: Deployment = {
      ...current,
      ...(settings.name !== undefined ? { name: settings.name } : {}),
      ...(settings.periodSeconds !== undefined ? { periodSeconds: settings.periodSeconds } : {}),
      ...(settings.graceSeconds !== undefined ? { graceSeconds: settings.graceSeconds } : {}),
      updatedAt: now.toISOString(),
    };
    if ((next.status === 'up' || next.status === 'late') && next.lastHeartbeatAt) {
      const due = nextDue(next.status, new Date(next.lastHeartbeatAt), next);
      if (due) next.dueAt = due.toISOString();
    }
    try {
      const saved = found
        ? await deps.deployments.replace(scope, next, { ifMatch: found.etag })
        : await deps.deployments.create(scope, next);
      return saved.item;
    } catch (err) {
      if (isAppError(err) && (err.httpStatus === 412 || err.httpStatus === 409) && attempt < 5) continue;
      throw err;
    }
  }
}

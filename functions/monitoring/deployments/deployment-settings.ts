/**
 * Changing a known deployment's name or timing; the due time follows the new timing at once. A deployment
 * that never reported but holds a credential of this tenant gets its document here (timing set before its
 * first heartbeat); any other id is 404, so an update never creates a deployment.
 */
import type { Deployment, DeploymentSettings } from '@kpi/shared/contracts/monitoring-deployment';
import { nextDue } from '@kpi/shared/domain/monitoring/deployment-status';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { notFound } from '@kpi/shared/platform/errors';
import type { AppDeps } from '../dependencies';
import { hasCredential, requireTenant } from '../support/known-records';
import { FEW, retryLostRaces } from '../support/retry-lost-races';
import { newDeployment } from './deployment-doc';

export async function changeDeploymentSettings(
  deps: Pick<AppDeps, 'deployments' | 'credentials' | 'tenants'>,
  scope: TenantScope,
  deploymentId: string,
  settings: DeploymentSettings,
  now: Date,
): Promise<Deployment> {
  await requireTenant(deps, scope);
  return retryLostRaces(async () => {
    const found = await deps.deployments.getVersioned(scope, deploymentId);
    if (!found && !(await hasCredential(deps, scope.tenantId, deploymentId))) {
      throw notFound(
        'DEPLOYMENT.NOT_FOUND',
        `Deployment ${deploymentId} does not exist in tenant ${scope.tenantId}`,
      );
    }
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
    const saved = found
      ? await deps.deployments.replace(scope, next, { ifMatch: found.etag })
      : await deps.deployments.create(scope, next);
    return saved.item;
  }, FEW);
}

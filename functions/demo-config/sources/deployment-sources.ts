/**
 * A client deployment reads the data source declarations of the configuration it is licensed for (its own
 * tenant only, with its deployment credential), so its connector can turn them into draft sources. The
 * configuration is the one named by the licence the deployment is activated under (licence service data).
 */
import type { DataSource, DeploymentSources } from '@kpi/shared/contracts/demo-config';
import type { DeploymentCaller } from '@kpi/shared/platform/auth/caller';
import type { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { notFound } from '@kpi/shared/platform/errors';
import { z } from 'zod';
import type { DemoConfigDeps } from '../demo-config-deps';
import { sourcesOf } from './manage-sources';

/** The part of a licence document (functions/license, container `licenses`) this needs. */
export const licenseRefSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  configurationId: z.string(),
  issuedAt: z.string(),
  revokedAt: z.string().optional(),
  activeDeployments: z.array(z.object({ deploymentId: z.string() })),
});
export type LicenseRef = z.infer<typeof licenseRefSchema>;

export interface DeploymentSourcesDeps {
  licenses: Pick<TenantRepository<LicenseRef>, 'query'>;
  sources: DemoConfigDeps['sources'];
}

/** 404 `SOURCE.NO_LICENSE` when the deployment is not activated under a valid licence of its tenant. */
export async function deploymentSources(
  deps: DeploymentSourcesDeps,
  caller: DeploymentCaller,
): Promise<DeploymentSources> {
  const scope = scopeFor(caller);
  const page = await deps.licenses.query(
    scope,
    { where: 'NOT IS_DEFINED(c.revokedAt)', orderBy: 'c.issuedAt DESC' },
    { maxItemCount: 100 },
  );
  const license = page.items.find((l) =>
    l.activeDeployments.some((d) => d.deploymentId === caller.deploymentId),
  );
  if (!license) {
    throw notFound('SOURCE.NO_LICENSE', 'This deployment is not activated under a valid licence');
  }
  const items: DataSource[] = await sourcesOf(deps as DemoConfigDeps, scope, license.configurationId);
  return { configurationId: license.configurationId, items };
}

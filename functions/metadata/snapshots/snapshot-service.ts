/**
 * Serves a client deployment its signed catalog snapshot. The deployment's selected KPIs are the KPI ids of
 * the licence it is activated under (read from the licence service's `licenses` container, in the
 * deployment's own tenant partition); a selected id that is one of the tenant's published custom KPIs is
 * served at its latest version.
 */
import type { CustomKpiVersion } from '@kpi/shared/contracts/metadata-custom-kpi';
import type { DeploymentCaller } from '@kpi/shared/platform/auth/caller';
import type { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { scopeFor, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { notFound } from '@kpi/shared/platform/errors';
import { z } from 'zod';
import type { CatalogViews } from '../catalog/catalog-views';
import { buildSnapshot } from './build-snapshot';
import type { SnapshotSigner } from './snapshot-signer';

/** The part of a licence document (functions/license) the snapshot needs. */
export const licenseInfoSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  kpiIds: z.array(z.string()),
  issuedAt: z.string(),
  revokedAt: z.string().optional(),
  activeDeployments: z.array(z.object({ deploymentId: z.string() })),
});
export type LicenseInfo = z.infer<typeof licenseInfoSchema>;

export interface SnapshotDeps {
  licenses: TenantRepository<LicenseInfo>;
  catalog: { views(): Promise<CatalogViews> };
  /** The latest published versions of those of `ids` that are the tenant's custom KPIs. */
  publishedCustom: (scope: TenantScope, ids: readonly string[]) => Promise<Map<string, CustomKpiVersion>>;
  signer: () => Promise<SnapshotSigner>;
}

export interface SignedSnapshot {
  catalogVersion: string;
  keyId: string;
  kpiCount: number;
  jws: string;
  etag: string;
}

/** The licence a deployment is activated under (the newest, if several); 404 `SNAPSHOT.NO_LICENSE`. */
async function licenseOf(deps: SnapshotDeps, scope: TenantScope, deploymentId: string): Promise<LicenseInfo> {
  const found: LicenseInfo[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await deps.licenses.list(scope, { maxItemCount: 100, continuationToken });
    for (const l of page.items) {
      if (!l.revokedAt && l.activeDeployments.some((d) => d.deploymentId === deploymentId)) found.push(l);
    }
    continuationToken = page.continuationToken;
  } while (continuationToken);
  found.sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1));
  const license = found[0];
  if (!license)
    throw notFound('SNAPSHOT.NO_LICENSE', 'This deployment is not activated under a valid licence');
  return license;
}

export async function signedSnapshot(deps: SnapshotDeps, caller: DeploymentCaller): Promise<SignedSnapshot> {
  const scope = scopeFor(caller);
  const license = await licenseOf(deps, scope, caller.deploymentId);
  const [views, custom, signer] = await Promise.all([
    deps.catalog.views(),
    deps.publishedCustom(scope, license.kpiIds),
    deps.signer(),
  ]);
  // Custom KPIs may reference other custom KPIs: fetch those too (requirements list references
  // transitively, so one more round normally closes the set; the bound guards against bad data).
  for (let round = 0; round < 5; round++) {
    const missing = new Set<string>();
    for (const v of custom.values()) {
      for (const ref of v.requirements.kpis)
        if (!custom.has(ref) && !views.index.kpis.has(ref)) missing.add(ref);
    }
    if (!missing.size) break;
    const more = await deps.publishedCustom(scope, [...missing]);
    if (!more.size) break;
    for (const [id, v] of more) custom.set(id, v);
  }
  const snapshot = buildSnapshot({
    views,
    tenantId: caller.tenantId,
    deploymentId: caller.deploymentId,
    licenseId: license.id,
    selected: license.kpiIds,
    custom,
  });
  const { jws, etag } = signer.sign(snapshot);
  return {
    catalogVersion: views.catalogVersion,
    keyId: signer.keyId,
    kpiCount: snapshot.kpis.length,
    jws,
    etag,
  };
}

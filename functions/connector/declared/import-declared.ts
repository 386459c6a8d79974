/**
 * The Config app's data source declarations for this deployment's configuration become sources here: a
 * `draft` with the objects it was said to provide (an admin then gives it a connection), or `unavailable`
 * with the reason for a type no connector reaches. Idempotent by declaration: the source id derives from
 * the configuration and declaration ids, so a second import (a timer, a retry) creates nothing new and
 * never overwrites what an admin changed since.
 */
import { createHash } from 'node:crypto';
import { typeUnavailable } from '@kpi/shared/connectors/connectors';
import { connectorTypeFor } from '@kpi/shared/contracts/connector';
import type { DataSource, DeploymentSources } from '@kpi/shared/contracts/demo-config';
import type { StoredSource } from '@kpi/shared/contracts/source';
import { isConflict } from '@kpi/shared/platform/cosmos/conditions';
import type { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';

/** The vendor's declarations for this deployment (demo-config, deployment credential). */
export interface DeclaredSources {
  declared(): Promise<DeploymentSources>;
}

export interface ImportDeps {
  sources: Pick<TenantRepository<StoredSource>, 'getVersioned' | 'create'>;
  declarations: DeclaredSources;
  clock: () => Date;
}

/** The source id of a declaration: stable across imports. */
export const declaredSourceId = (configurationId: string, declaredId: string) =>
  `cfg-${createHash('sha256').update(`${configurationId}/${declaredId}`).digest('hex').slice(0, 24)}`;

function draftOf(configurationId: string, d: DataSource, actor: string, now: string): StoredSource {
  const connectable = connectorTypeFor(d.type) !== null;
  return {
    id: declaredSourceId(configurationId, d.id),
    tenantId: d.tenantId,
    name: d.name,
    status: connectable ? 'draft' : 'unavailable',
    declaredType: d.type,
    ...(connectable ? {} : { unavailableReason: typeUnavailable(d.type).message }),
    providesObjects: d.objects.map((o) => o.name),
    origin: { kind: 'config', configurationId, declaredSourceId: d.id },
    secretRefs: [],
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
  };
}

export async function importDeclared(deps: ImportDeps, scope: TenantScope, actor: string) {
  const { configurationId, items } = await deps.declarations.declared();
  const created: string[] = [];
  const unchanged: string[] = [];
  const now = deps.clock().toISOString();
  for (const d of items) {
    const draft = draftOf(configurationId, d, actor, now);
    if (await deps.sources.getVersioned(scope, draft.id)) {
      unchanged.push(draft.id);
      continue;
    }
    try {
      const { tenantId: _t, ...item } = draft;
      await deps.sources.create(scope, item);
      created.push(draft.id);
    } catch (err) {
      // Another import (the timer and a click) made it first.
      if (!isConflict(err)) throw err;
      unchanged.push(draft.id);
    }
  }
  return { configurationId, created, unchanged };
}

/**
 * Data source declarations of a configuration: type, name and the catalog objects and fields each provides.
 * Objects and fields are checked against the catalog so that the analysis compares like with like. Sources
 * change only while their configuration is a draft.
 */
import {
  type DataSource,
  DEMO_CONFIG_LIMITS,
  type dataSourceRequestSchema,
} from '@kpi/shared/contracts/demo-config';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import type { Versioned } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { conflict, notFound, unprocessable } from '@kpi/shared/platform/errors';
import type { z } from 'zod';
import { checkIfMatch, configurationForChange } from '../configurations/manage-configurations';
import type { AppDeps } from '../dependencies';

type SourceRequest = z.output<typeof dataSourceRequestSchema>;

export const sourceView = (v: Versioned<DataSource>) => ({ ...v.item, etag: v.etag });

/** Every source of a configuration (at most the per-configuration limit), ordered by id. */
export async function sourcesOf(
  deps: AppDeps,
  scope: TenantScope,
  configurationId: string,
): Promise<DataSource[]> {
  const page = await deps.sources.query(
    scope,
    {
      where: 'c.configurationId = @cid',
      parameters: [{ name: '@cid', value: configurationId }],
      orderBy: 'c.id',
    },
    { maxItemCount: DEMO_CONFIG_LIMITS.sourcesPerConfiguration },
  );
  return page.items;
}

/** 422 `SOURCE.UNKNOWN_OBJECT` / `SOURCE.UNKNOWN_FIELD` naming each problem; 422 on duplicates. */
function checkObjects(deps: AppDeps, objects: SourceRequest['objects']): void {
  const problems: { path: string; message: string }[] = [];
  const seenObjects = new Set<string>();
  objects.forEach((o, i) => {
    const object = deps.catalogIndex.objects.get(o.name);
    if (!object) {
      problems.push({ path: `objects.${i}.name`, message: `The catalog has no object ${o.name}` });
      return;
    }
    if (seenObjects.has(o.name))
      problems.push({ path: `objects.${i}.name`, message: `${o.name} is listed twice` });
    seenObjects.add(o.name);
    const known = new Set(object.fields.map((f) => f.name));
    const seen = new Set<string>();
    o.fields.forEach((f, j) => {
      if (!known.has(f.name))
        problems.push({ path: `objects.${i}.fields.${j}.name`, message: `${o.name} has no field ${f.name}` });
      else if (seen.has(f.name))
        problems.push({ path: `objects.${i}.fields.${j}.name`, message: `${f.name} is listed twice` });
      seen.add(f.name);
    });
  });
  if (problems.length)
    throw unprocessable('SOURCE.OBJECTS_INVALID', 'The declared objects do not match the catalog', problems);
}

export async function findSource(deps: AppDeps, scope: TenantScope, configurationId: string, id: string) {
  const found = await deps.sources.getVersioned(scope, id);
  if (!found || found.item.configurationId !== configurationId) {
    throw notFound('SOURCE.NOT_FOUND', `Data source ${id} does not exist in this configuration`);
  }
  return found;
}

export async function createSource(
  deps: AppDeps,
  caller: Caller,
  scope: TenantScope,
  configurationId: string,
  request: SourceRequest,
) {
  await configurationForChange(deps, scope, configurationId, { draftOnly: true });
  checkObjects(deps, request.objects);
  const existing = await sourcesOf(deps, scope, configurationId);
  if (existing.length >= DEMO_CONFIG_LIMITS.sourcesPerConfiguration) {
    throw conflict(
      'SOURCE.LIMIT',
      `A configuration may declare at most ${DEMO_CONFIG_LIMITS.sourcesPerConfiguration} sources`,
    );
  }
  const created = await deps.sources.create(scope, {
    id: deps.newId('src'),
    configurationId,
    type: request.type,
    name: request.name,
    ...(request.description !== undefined ? { description: request.description } : {}),
    objects: request.objects,
    createdBy: caller.email,
    createdAt: deps.clock().toISOString(),
  });
  return sourceView(created);
}

export async function replaceSource(
  deps: AppDeps,
  scope: TenantScope,
  configurationId: string,
  id: string,
  request: SourceRequest,
  ifMatch: string | undefined,
) {
  await configurationForChange(deps, scope, configurationId, { draftOnly: true });
  const found = await findSource(deps, scope, configurationId, id);
  checkIfMatch(found.etag, ifMatch);
  checkObjects(deps, request.objects);
  const { description: _dropped, ...rest } = found.item;
  const next: DataSource = {
    ...rest,
    type: request.type,
    name: request.name,
    ...(request.description !== undefined ? { description: request.description } : {}),
    objects: request.objects,
    updatedAt: deps.clock().toISOString(),
  };
  return sourceView(await deps.sources.replace(scope, next, { ifMatch: found.etag }));
}

export async function deleteSource(
  deps: AppDeps,
  scope: TenantScope,
  configurationId: string,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  await configurationForChange(deps, scope, configurationId, { draftOnly: true });
  const found = await findSource(deps, scope, configurationId, id);
  checkIfMatch(found.etag, ifMatch);
  await deps.sources.delete(scope, id, { ifMatch: found.etag });
}

/**
 * Configurations of a tenant: selected catalog KPIs pinned to the catalog version they were chosen from,
 * target overrides, and the status machine. Every call works in the scope of the verified caller.
 */
import type {
  Configuration,
  ConfigurationView,
  createConfigurationRequestSchema,
  statusTransitionRequestSchema,
  updateConfigurationRequestSchema,
} from '@kpi/shared/contracts/demo-config';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import type { PageOptions, Versioned } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import {
  conflict,
  ErrorCodes,
  forbidden,
  notFound,
  preconditionFailed,
  unprocessable,
} from '@kpi/shared/platform/errors';
import type { z } from 'zod';
import type { AppDeps } from '../dependencies';
import { SOW_CONTAINER } from '../sow/sow-container';
import { isEditable, transitionRefusal } from './status';

type CreateRequest = z.output<typeof createConfigurationRequestSchema>;
type UpdateRequest = z.output<typeof updateConfigurationRequestSchema>;
type TransitionRequest = z.output<typeof statusTransitionRequestSchema>;

/** The stored item with its etag, as the API answers it. */
export const toView = (v: Versioned<Configuration>): ConfigurationView => ({ ...v.item, etag: v.etag });

/** The configuration, or 404 `CONFIGURATION.NOT_FOUND` (also for another tenant's id). */
export async function findConfiguration(
  deps: AppDeps,
  scope: TenantScope,
  id: string,
): Promise<Versioned<Configuration>> {
  const found = await deps.configurations.getVersioned(scope, id);
  if (!found) throw notFound('CONFIGURATION.NOT_FOUND', `Configuration ${id} does not exist`);
  return found;
}

/** 409 `CONFIGURATION.NOT_EDITABLE` unless the configuration is a draft. */
export function ensureEditable(configuration: Configuration): void {
  if (!isEditable(configuration.status)) {
    throw conflict(
      'CONFIGURATION.NOT_EDITABLE',
      `A ${configuration.status} configuration cannot be changed${configuration.status === 'proposed' ? ': move it back to draft first' : ''}`,
    );
  }
}

/** 412 when the client's `If-Match` is not the current etag. */
export function checkIfMatch(current: string, ifMatch: string | undefined): void {
  if (ifMatch !== undefined && ifMatch !== current) {
    throw preconditionFailed(ErrorCodes.concurrencyConflict, 'It was changed by someone else: read it again');
  }
}

/**
 * The configuration a change starts from, checked in the order every write answers: 404 when missing, 412 when
 * `ifMatch` is stale, 409 `CONFIGURATION.NOT_EDITABLE` unless a draft (when `draftOnly`). Changes of the
 * configuration itself and of its data sources share it, so they refuse the same way.
 */
export async function configurationForChange(
  deps: AppDeps,
  scope: TenantScope,
  id: string,
  { ifMatch, draftOnly }: { ifMatch?: string | undefined; draftOnly: boolean },
): Promise<Versioned<Configuration>> {
  const found = await findConfiguration(deps, scope, id);
  checkIfMatch(found.etag, ifMatch);
  if (draftOnly) ensureEditable(found.item);
  return found;
}

/** Pins new catalog KPI ids to the current catalog version; ids already selected keep their pin. */
function catalogSelection(deps: AppDeps, kpiIds: readonly string[], previous: Configuration['selectedKpis']) {
  const unknown = kpiIds.filter((id) => !deps.catalogIndex.kpis.has(id));
  if (unknown.length) {
    throw unprocessable('CONFIGURATION.UNKNOWN_KPI', 'Some KPIs are not in the catalog', { kpiIds: unknown });
  }
  const pinned = new Map(
    previous.filter((s) => s.customVersion === undefined).map((s) => [s.kpiId, s.catalogVersion]),
  );
  return [...new Set(kpiIds)].map((kpiId) => ({
    kpiId,
    catalogVersion: pinned.get(kpiId) ?? deps.catalog.catalogVersion,
  }));
}

/** Custom KPIs, each pinned to one published version of the tenant's (422 when a version does not exist). */
async function customSelection(
  deps: AppDeps,
  scope: TenantScope,
  wanted: readonly { kpiId: string; version: number }[],
): Promise<Configuration['selectedKpis']> {
  const ids = wanted.map((w) => w.kpiId);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicates.length) {
    throw unprocessable('CONFIGURATION.UNKNOWN_KPI', 'A custom KPI can be selected in one version only', {
      duplicates,
    });
  }
  const found = await Promise.all(
    wanted.map((w) => deps.customKpiVersions.get(scope, `${w.kpiId}:v${w.version}`)),
  );
  const missing = wanted.filter((_, i) => !found[i]).map((w) => `${w.kpiId} v${w.version}`);
  if (missing.length) {
    throw unprocessable('CONFIGURATION.UNKNOWN_KPI', 'Some custom KPI versions are not published', {
      customKpis: missing,
    });
  }
  return found.map((v) => ({
    kpiId: v!.kpiId,
    catalogVersion: v!.catalogVersion,
    customVersion: v!.version,
  }));
}

/** The new selection: catalog KPIs first, then custom ones; either part kept when not given. */
async function selection(
  deps: AppDeps,
  scope: TenantScope,
  request: {
    kpiIds?: readonly string[] | undefined;
    customKpis?: readonly { kpiId: string; version: number }[] | undefined;
  },
  previous: Configuration['selectedKpis'] = [],
): Promise<Configuration['selectedKpis']> {
  const catalog = request.kpiIds
    ? catalogSelection(deps, request.kpiIds, previous)
    : previous.filter((s) => s.customVersion === undefined);
  const custom = request.customKpis
    ? await customSelection(deps, scope, request.customKpis)
    : previous.filter((s) => s.customVersion !== undefined);
  const clash = custom.filter((c) => catalog.some((k) => k.kpiId === c.kpiId)).map((c) => c.kpiId);
  if (clash.length) {
    throw unprocessable(
      'CONFIGURATION.UNKNOWN_KPI',
      'A KPI id is selected both from the catalog and as custom',
      {
        kpiIds: clash,
      },
    );
  }
  return [...catalog, ...custom];
}

function checkOverrides(
  overrides: Configuration['targetOverrides'],
  selected: Configuration['selectedKpis'],
): void {
  const ids = new Set(selected.map((s) => s.kpiId));
  const stray = overrides.filter((o) => !ids.has(o.kpiId)).map((o) => o.kpiId);
  const seen = new Set<string>();
  const duplicates = overrides.filter((o) => seen.has(o.kpiId) || !seen.add(o.kpiId)).map((o) => o.kpiId);
  if (stray.length || duplicates.length) {
    throw unprocessable('CONFIGURATION.TARGET_INVALID', 'Targets may override each selected KPI once', {
      notSelected: stray,
      duplicates,
    });
  }
}

export async function createConfiguration(
  deps: AppDeps,
  caller: Caller,
  scope: TenantScope,
  request: CreateRequest,
): Promise<ConfigurationView> {
  const selectedKpis = await selection(deps, scope, request);
  checkOverrides(request.targetOverrides, selectedKpis);
  const created = await deps.configurations.create(scope, {
    id: deps.newId('cfg'),
    name: request.name,
    ...(request.description !== undefined ? { description: request.description } : {}),
    status: 'draft',
    selectedKpis,
    targetOverrides: request.targetOverrides,
    statusHistory: [],
    createdBy: caller.email,
    createdAt: deps.clock().toISOString(),
  });
  return toView(created);
}

export async function listConfigurations(deps: AppDeps, scope: TenantScope, page: PageOptions) {
  return deps.configurations.list(scope, page);
}

export async function updateConfiguration(
  deps: AppDeps,
  caller: Caller,
  scope: TenantScope,
  id: string,
  request: UpdateRequest,
  ifMatch: string | undefined,
): Promise<ConfigurationView> {
  const found = await configurationForChange(deps, scope, id, { ifMatch, draftOnly: true });
  const selectedKpis = await selection(deps, scope, request, found.item.selectedKpis);
  const selectedIds = new Set(selectedKpis.map((s) => s.kpiId));
  // Deselecting a KPI drops its override; an explicit list of overrides is checked as given.
  const targetOverrides =
    request.targetOverrides ?? found.item.targetOverrides.filter((o) => selectedIds.has(o.kpiId));
  checkOverrides(targetOverrides, selectedKpis);
  const next: Configuration = {
    ...found.item,
    ...(request.name !== undefined ? { name: request.name } : {}),
    ...(request.description !== undefined ? { description: request.description } : {}),
    selectedKpis,
    targetOverrides,
    updatedBy: caller.email,
    updatedAt: deps.clock().toISOString(),
  };
  return toView(await deps.configurations.replace(scope, next, { ifMatch: found.etag }));
}

export async function transitionConfiguration(
  deps: AppDeps,
  caller: Caller,
  scope: TenantScope,
  id: string,
  request: TransitionRequest,
  ifMatch: string | undefined,
): Promise<ConfigurationView> {
  const found = await configurationForChange(deps, scope, id, { ifMatch, draftOnly: false });
  const from = found.item.status;
  const refusal = transitionRefusal(from, request.to, caller.roles);
  if (refusal?.code === 'CONFIGURATION.TRANSITION_FORBIDDEN') throw forbidden(refusal.code, refusal.message);
  if (refusal) throw conflict(refusal.code, refusal.message);
  if (request.to === 'proposed' && found.item.selectedKpis.length === 0) {
    throw conflict('CONFIGURATION.EMPTY', 'Select at least one KPI before proposing the configuration');
  }
  const at = deps.clock().toISOString();
  const next: Configuration = {
    ...found.item,
    status: request.to,
    statusHistory: [
      ...found.item.statusHistory,
      {
        from,
        to: request.to,
        at,
        by: caller.email,
        ...(request.comment ? { comment: request.comment } : {}),
      },
    ],
    updatedBy: caller.email,
    updatedAt: at,
  };
  return toView(await deps.configurations.replace(scope, next, { ifMatch: found.etag }));
}

/** Deletes a draft with its data source declarations and its SOW versions (records and files). */
export async function deleteConfiguration(
  deps: AppDeps,
  scope: TenantScope,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  const found = await configurationForChange(deps, scope, id, { ifMatch, draftOnly: true });
  const sources = await deps.sources.query(
    scope,
    { where: 'c.configurationId = @id', parameters: [{ name: '@id', value: id }] },
    { maxItemCount: 100 },
  );
  for (const s of sources.items) await deps.sources.delete(scope, s.id);
  const sows = await deps.sowVersions.query(
    scope,
    { where: 'c.configurationId = @id', parameters: [{ name: '@id', value: id }] },
    { maxItemCount: 200 },
  );
  for (const v of sows.items) {
    for (const f of v.files) await deps.blobs.delete(SOW_CONTAINER, f.blob);
    await deps.sowVersions.delete(scope, v.id);
  }
  await deps.configurations.delete(scope, id, { ifMatch: found.etag });
}

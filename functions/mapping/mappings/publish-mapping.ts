/**
 * Validation, publishing and history. Publishing makes the draft the live version in `mappings` (what
 * ingestion runs), keeps it in the history, removes the draft and answers what changed against the
 * previous live version.
 */
import type { Mapping, MappingDiff, ValidationIssue } from '@kpi/shared/contracts/mapping';
import { MappingAppCodes } from '@kpi/shared/contracts/mapping-app';
import {
  diffMappings,
  isPublishable,
  publishMapping,
  type ValidationContext,
  validateMapping,
} from '@kpi/shared/domain/mapping/index';
import { isLostRace } from '@kpi/shared/platform/cosmos/conditions';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { conflict, notFound, unprocessable } from '@kpi/shared/platform/errors';
import { changeSummary, loadMapping } from './manage-mappings';
import { catalogOf, columnsOf, objectOf, streamOf } from './mapping-context';
import type { MappingDeps } from './mapping-deps';

async function validationInputs(deps: MappingDeps, scope: TenantScope, mapping: Mapping) {
  const snapshot = await catalogOf(deps);
  const object = objectOf(snapshot, mapping.object);
  const { stream } = await streamOf(deps, scope, mapping.sourceId, mapping.stream);
  const context: ValidationContext = { columns: columnsOf(stream), objects: snapshot.objects };
  return { object, context };
}

/** The working copy (draft, else live version) checked against its object and the stream's columns. */
export async function validateWorkingCopy(
  deps: MappingDeps,
  scope: TenantScope,
  id: string,
): Promise<{ publishable: boolean; issues: ValidationIssue[] }> {
  const { draft, live } = await loadMapping(deps, scope, id);
  const mapping = (draft ?? live)?.item as Mapping;
  const { object, context } = await validationInputs(deps, scope, mapping);
  const issues = validateMapping(mapping, object, context);
  return { publishable: isPublishable(issues), issues };
}

/**
 * Publishes the draft: 409 `MAPPING.NO_DRAFT` without one, 422 `MAPPING.INVALID` (issues in details) when it
 * has errors, 409 `MAPPING.PUBLISH_CONFLICT` when another publish or save got there first.
 */
export async function publishDraft(
  deps: MappingDeps,
  scope: TenantScope,
  by: string,
  id: string,
): Promise<{ published: Mapping; diff: MappingDiff | null; warnings: ValidationIssue[] }> {
  const { draft, live } = await loadMapping(deps, scope, id);
  if (!draft) throw conflict(MappingAppCodes.noDraft, `Mapping ${id} has no draft to publish`);
  const { object, context } = await validationInputs(deps, scope, draft.item);
  const at = deps.clock().toISOString();
  const result = publishMapping(draft.item, live?.item, object, context, by, at);
  if (!result.ok) {
    throw unprocessable(MappingAppCodes.invalid, `Mapping ${id} has errors: fix them before publishing`, {
      issues: result.issues,
    });
  }
  try {
    // History first: a version number is taken once, so two publishes of one draft cannot both win.
    await deps.mappings.addVersion(scope, result.published);
    await deps.mappings.putLive(scope, result.published, live?.etag);
    await deps.mappings.deleteDraft(scope, id, draft.etag);
  } catch (err) {
    if (isLostRace(err)) {
      throw conflict(
        MappingAppCodes.publishConflict,
        `Mapping ${id} changed while publishing: read it again`,
      );
    }
    throw err;
  }
  const d = result.diff;
  await deps.mappings.addAudit(scope, {
    mappingId: id,
    action: 'published',
    by,
    at,
    version: result.published.version,
    summary: d
      ? `v${d.fromVersion} → v${d.toVersion}: ${changeSummary(live?.item.fields ?? {}, result.published.fields) || 'no field changed'}`
      : `v${result.published.version}: first version, ${Object.keys(result.published.fields).length} fields`,
  });
  return { published: result.published, diff: result.diff, warnings: result.warnings };
}

/** Published versions, oldest first. */
export async function listVersions(deps: MappingDeps, scope: TenantScope, id: string) {
  await loadMapping(deps, scope, id);
  const versions = await deps.mappings.listVersions(scope, id);
  return {
    items: versions.map((v) => ({
      version: v.version,
      ...(v.mapping.publishedBy ? { publishedBy: v.mapping.publishedBy } : {}),
      ...(v.mapping.publishedAt ? { publishedAt: v.mapping.publishedAt } : {}),
      fields: Object.keys(v.mapping.fields).length,
    })),
  };
}

/** What changed from version `from` to version `to` (or to the draft); 404 `MAPPING.VERSION_NOT_FOUND`. */
export async function diffVersions(
  deps: MappingDeps,
  scope: TenantScope,
  id: string,
  from: number,
  to: number | undefined,
): Promise<MappingDiff> {
  const { draft } = await loadMapping(deps, scope, id);
  const versions = await deps.mappings.listVersions(scope, id);
  const pick = (n: number) => {
    const v = versions.find((x) => x.version === n);
    if (!v) throw notFound(MappingAppCodes.versionNotFound, `Mapping ${id} has no published version ${n}`);
    return v.mapping;
  };
  const a = pick(from);
  let b: Mapping;
  if (to !== undefined) b = pick(to);
  else if (draft) b = draft.item;
  else throw notFound(MappingAppCodes.noDraft, `Mapping ${id} has no draft to compare with`);
  return diffMappings(a, b);
}

/** Who did what when, oldest first. */
export async function listAudit(deps: MappingDeps, scope: TenantScope, id: string) {
  await loadMapping(deps, scope, id);
  const items = await deps.mappings.listAudit(scope, id);
  return {
    items: items.map((a) => ({
      action: a.action,
      by: a.by,
      at: a.at,
      ...(a.version !== undefined ? { version: a.version } : {}),
      summary: a.summary,
    })),
  };
}

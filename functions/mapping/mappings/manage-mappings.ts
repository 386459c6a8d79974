/**
 * Mappings and their drafts: list, create (source stream × catalog object), read, save draft fields. A
 * mapping's id is derived from its source, stream and object, so there is one per triple however often it
 * is created. Saving starts a draft from the live version when there is none.
 */
import { createHash } from 'node:crypto';
import type { Mapping } from '@kpi/shared/contracts/mapping';
import { MappingAppCodes, type MappingSummary, type MappingView } from '@kpi/shared/contracts/mapping-app';
import { diffMappings } from '@kpi/shared/domain/mapping/index';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { conflict, ErrorCodes, notFound, preconditionFailed } from '@kpi/shared/platform/errors';
import { catalogOf, columnsOf, objectOf, streamOf } from './mapping-context';
import type { MappingDeps, MappingFilter } from './mapping-deps';

/** The mapping id of a source stream × object (stable: ingestion and URLs may keep it). */
export function mappingIdOf(sourceId: string, stream: string, object: string): string {
  const hash = createHash('sha256').update(`${sourceId}\u0000${stream}\u0000${object}`).digest('hex');
  return `map-${hash.slice(0, 20)}`;
}

const iso = (d: Date) => d.toISOString();

/** Mappings with a draft or a live version, by source and/or object, ordered by source, stream, object. */
export async function listMappings(
  deps: Pick<MappingDeps, 'mappings'>,
  scope: TenantScope,
  filter: MappingFilter,
): Promise<{ items: MappingSummary[] }> {
  const [drafts, live] = await Promise.all([
    deps.mappings.listDrafts(scope, filter),
    deps.mappings.listLive(scope, filter),
  ]);
  const byId = new Map<string, MappingSummary>();
  const entry = (m: Mapping) => {
    const found = byId.get(m.id) ?? {
      id: m.id,
      sourceId: m.sourceId,
      stream: m.stream,
      object: m.object,
      mappedFields: 0,
    };
    byId.set(m.id, found);
    return found;
  };
  for (const m of live) Object.assign(entry(m), { publishedVersion: m.version, mappedFields: count(m) });
  for (const m of drafts) Object.assign(entry(m), { draftVersion: m.version, mappedFields: count(m) });
  const key = (s: MappingSummary) => `${s.sourceId}\u0000${s.stream}\u0000${s.object}`;
  return { items: [...byId.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
}

const count = (m: Mapping) => Object.keys(m.fields).length;

/**
 * Creates the draft of a new mapping, empty. The source must be ready, the stream discovered and the object
 * one the entitled KPIs need; 409 `MAPPING.EXISTS` when the triple is mapped already.
 */
export async function createMapping(
  deps: MappingDeps,
  scope: TenantScope,
  by: string,
  request: { sourceId: string; stream: string; object: string },
): Promise<MappingView> {
  const snapshot = await catalogOf(deps);
  objectOf(snapshot, request.object);
  const { stream } = await streamOf(deps, scope, request.sourceId, request.stream);
  const id = mappingIdOf(request.sourceId, request.stream, request.object);
  if (await deps.mappings.getLive(scope, id)) {
    throw conflict(MappingAppCodes.exists, `${request.object} is mapped from this stream already (${id})`, {
      mappingId: id,
    });
  }
  const at = iso(deps.clock());
  const draft: Mapping = {
    id,
    sourceId: request.sourceId,
    stream: request.stream,
    object: request.object,
    version: 1,
    status: 'draft',
    fields: {},
    createdBy: by,
    createdAt: at,
  };
  const saved = await deps.mappings.createDraft(scope, draft);
  await deps.mappings.addAudit(scope, { mappingId: id, action: 'created', by, at, summary: 'new draft' });
  return { ...identity(draft), draft: saved.item, published: null, etag: saved.etag, columns: view(stream) };
}

const identity = (m: Mapping) => ({ id: m.id, sourceId: m.sourceId, stream: m.stream, object: m.object });

function view(stream: Parameters<typeof columnsOf>[0]): MappingView['columns'] {
  const byName = new Map(columnsOf(stream).map((c) => [c.name, c]));
  return stream.columns.map((c) => ({
    name: c.name,
    type: c.type,
    sourceType: c.sourceType,
    samples: (byName.get(c.name)?.samples ?? []).slice(0, 5),
  }));
}

/** The draft and live version of a mapping, 404 `MAPPING.NOT_FOUND` when it has neither. */
export async function loadMapping(deps: Pick<MappingDeps, 'mappings'>, scope: TenantScope, id: string) {
  const [draft, live] = await Promise.all([
    deps.mappings.getDraft(scope, id),
    deps.mappings.getLive(scope, id),
  ]);
  const any = draft?.item ?? live?.item;
  if (!any) throw notFound(MappingAppCodes.notFound, `Mapping ${id} does not exist`);
  return { draft, live, any };
}

/** A mapping with the source stream's columns (empty when the source is no longer ready or discovered). */
export async function getMapping(deps: MappingDeps, scope: TenantScope, id: string): Promise<MappingView> {
  const { draft, live, any } = await loadMapping(deps, scope, id);
  const columns = await streamOf(deps, scope, any.sourceId, any.stream).then(
    (s) => view(s.stream),
    () => [],
  );
  return {
    ...identity(any),
    draft: draft?.item ?? null,
    published: live?.item ?? null,
    etag: draft?.etag ?? '',
    columns,
  };
}

/** `+added ~changed -removed` between two field sets. */
export function changeSummary(from: Mapping['fields'], to: Mapping['fields']): string {
  const d = diffMappings({ version: 0, fields: from }, { version: 0, fields: to });
  const names = (l: { field: string }[]) => l.map((x) => x.field).join(',');
  return [
    d.added.length ? `+${names(d.added)}` : '',
    d.changed.length ? `~${names(d.changed)}` : '',
    d.removed.length ? `-${names(d.removed)}` : '',
  ]
    .filter(Boolean)
    .join(' ')
    .slice(0, 1000);
}

/**
 * Saves the draft's fields (any content: validation reports what is wrong). With `ifMatch`, 412
 * `CONCURRENCY.CONFLICT` when the draft changed since read, or was published meanwhile.
 */
export async function updateDraft(
  deps: MappingDeps,
  scope: TenantScope,
  by: string,
  id: string,
  fields: Mapping['fields'],
  ifMatch: string | undefined,
): Promise<MappingView> {
  const { draft, live, any } = await loadMapping(deps, scope, id);
  const at = iso(deps.clock());
  let saved: Awaited<ReturnType<typeof deps.mappings.createDraft>>;
  if (draft) {
    saved = await deps.mappings.replaceDraft(scope, { ...draft.item, fields }, ifMatch);
  } else {
    if (ifMatch) {
      throw preconditionFailed(ErrorCodes.concurrencyConflict, `The draft of ${id} was published meanwhile`);
    }
    const base = live?.item ?? any;
    const { publishedBy: _b, publishedAt: _a, ...rest } = base;
    saved = await deps.mappings.createDraft(scope, {
      ...rest,
      version: base.version + 1,
      status: 'draft',
      fields,
      createdBy: by,
      createdAt: at,
    });
  }
  const summary = changeSummary((draft ?? live)?.item.fields ?? {}, fields) || 'no change';
  await deps.mappings.addAudit(scope, { mappingId: id, action: 'draft-updated', by, at, summary });
  return getMapping(deps, scope, id).then((v) => ({ ...v, draft: saved.item, etag: saved.etag }));
}

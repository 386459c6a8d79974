/** Suggestions and previews of a mapping over its source stream's discovered columns and sample rows. */
import type { FieldSuggestions, Mapping, PreviewResult } from '@kpi/shared/contracts/mapping';
import { previewMapping, suggestFields } from '@kpi/shared/domain/mapping/index';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { loadMapping } from './manage-mappings';
import { catalogOf, columnsOf, objectOf, streamOf } from './mapping-context';
import type { MappingDeps } from './mapping-deps';

/** Ranked column candidates for every field of the mapping's object (best first). */
export async function suggestionsFor(
  deps: MappingDeps,
  scope: TenantScope,
  id: string,
): Promise<{ object: string; fields: FieldSuggestions[] }> {
  const { any } = await loadMapping(deps, scope, id);
  const object = objectOf(await catalogOf(deps), any.object);
  const { stream } = await streamOf(deps, scope, any.sourceId, any.stream);
  return { object: object.name, fields: suggestFields(object, columnsOf(stream)) };
}

/**
 * The working copy (or the fields sent, unsaved) applied to the stream's sample rows: each cell's value or
 * error with its code. Lookups show `VALUE.LOOKUP_UNAVAILABLE` (no index of another object here).
 */
export async function previewFor(
  deps: MappingDeps,
  scope: TenantScope,
  id: string,
  fields: Mapping['fields'] | undefined,
): Promise<PreviewResult> {
  const { draft, live } = await loadMapping(deps, scope, id);
  const mapping = (draft ?? live)?.item as Mapping;
  const snapshot = await catalogOf(deps);
  const object = objectOf(snapshot, mapping.object);
  const { stream } = await streamOf(deps, scope, mapping.sourceId, mapping.stream);
  return previewMapping(
    { object: mapping.object, fields: fields ?? mapping.fields },
    object,
    stream.sampleRows,
    {
      objects: snapshot.objects,
    },
  );
}

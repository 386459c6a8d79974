import type { DataSource, InferredType, SourceType } from '@kpi/shared/contracts/demo-config';
import type { DataObject } from '@kpi/shared/domain/catalog/types';

/** One chosen field: where it comes from in the source, and its type there when known (inferred). */
export interface DraftField {
  sourceColumn?: string;
  type?: InferredType;
}

/** The objects and fields a source provides while it is being edited: object → field → details. */
export type DraftObjects = Readonly<Record<string, Readonly<Record<string, DraftField>>>>;

/** The editor's whole state. */
export interface SourceDraft {
  type: SourceType | '';
  name: string;
  description: string;
  objects: DraftObjects;
}

/** The body of `POST sources` / `PUT sources/{id}` (`dataSourceRequestSchema`). */
export interface SourceRequest {
  type: SourceType;
  name: string;
  description?: string;
  objects: { name: string; fields: { name: string; sourceColumn?: string; type?: InferredType }[] }[];
}

export const emptyDraft = (): SourceDraft => ({ type: '', name: '', description: '', objects: {} });

/** The editor state of an existing source. */
export function draftFromSource(source: Pick<DataSource, 'type' | 'name' | 'description' | 'objects'>) {
  const objects: Record<string, Record<string, DraftField>> = {};
  for (const o of source.objects) {
    const fields: Record<string, DraftField> = {};
    for (const f of o.fields) {
      fields[f.name] = {
        ...(f.sourceColumn ? { sourceColumn: f.sourceColumn } : {}),
        ...(f.type ? { type: f.type } : {}),
      };
    }
    objects[o.name] = fields;
  }
  return { type: source.type, name: source.name, description: source.description ?? '', objects };
}

/** What stops the draft from being saved, one sentence each; empty when it can be saved. */
export function draftProblems(draft: SourceDraft): string[] {
  const problems: string[] = [];
  if (!draft.type) problems.push('Choose the type of the source.');
  if (!draft.name.trim()) problems.push('Give the source a name.');
  if (draft.name.trim().length > 200) problems.push('The name is longer than 200 characters.');
  if (fieldCount(draft.objects) === 0) problems.push('Choose at least one field the source provides.');
  return problems;
}

/** The request body; objects and fields in name order so saves are stable; objects without fields dropped. */
export function draftToRequest(draft: SourceDraft): SourceRequest {
  if (!draft.type) throw new Error('The draft has no type');
  const objects = Object.keys(draft.objects)
    .sort()
    .map((name) => ({
      name,
      fields: Object.entries(draft.objects[name] ?? {})
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([field, d]) => ({
          name: field,
          ...(d.sourceColumn?.trim() ? { sourceColumn: d.sourceColumn.trim() } : {}),
          ...(d.type ? { type: d.type } : {}),
        })),
    }))
    .filter((o) => o.fields.length > 0);
  const description = draft.description.trim();
  return { type: draft.type, name: draft.name.trim(), ...(description ? { description } : {}), objects };
}

/** Number of fields chosen over every object. */
export function fieldCount(objects: DraftObjects): number {
  return Object.values(objects).reduce((n, fields) => n + Object.keys(fields).length, 0);
}

/** Adds or removes one field. */
export function toggleField(objects: DraftObjects, object: string, field: string, on: boolean): DraftObjects {
  const fields = { ...(objects[object] ?? {}) };
  if (on) fields[field] = fields[field] ?? {};
  else delete fields[field];
  return withObject(objects, object, fields);
}

/** Selects every one of `fields` of an object, or none of them (select all per object). */
export function setAllFields(
  objects: DraftObjects,
  object: string,
  fields: readonly string[],
  on: boolean,
): DraftObjects {
  const current = objects[object] ?? {};
  if (!on) return withObject(objects, object, {});
  const next: Record<string, DraftField> = { ...current };
  for (const f of fields) next[f] = current[f] ?? {};
  return withObject(objects, object, next);
}

/** Sets the source column of one chosen field. */
export function setSourceColumn(
  objects: DraftObjects,
  object: string,
  field: string,
  sourceColumn: string,
): DraftObjects {
  const fields = objects[object] ?? {};
  const current = fields[field];
  if (!current) return objects;
  const { sourceColumn: _previous, ...rest } = current;
  return withObject(objects, object, {
    ...fields,
    [field]: sourceColumn ? { ...rest, sourceColumn } : rest,
  });
}

function withObject(objects: DraftObjects, object: string, fields: Record<string, DraftField>): DraftObjects {
  const next = { ...objects };
  if (Object.keys(fields).length === 0) delete next[object];
  else next[object] = fields;
  return next;
}

/** How much of an object is chosen, for its select-all checkbox. */
export function selectionOf(objects: DraftObjects, object: DataObject): 'none' | 'some' | 'all' {
  const chosen = objects[object.name];
  const n = chosen ? object.fields.filter((f) => f.name in chosen).length : 0;
  return n === 0 ? 'none' : n === object.fields.length ? 'all' : 'some';
}

const normalise = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/** A catalog object as the picker shows it while searching: the fields that match. */
export interface PickerObject {
  object: DataObject;
  fields: DataObject['fields'];
  /** The object's own name or label matched: every field is shown. */
  whole: boolean;
}

/**
 * Filters the catalog objects by a search text: an object whose name, label or area matches keeps all its
 * fields; otherwise only its fields whose name matches, and objects with none are dropped.
 */
export function searchCatalogObjects(objects: readonly DataObject[], query: string): PickerObject[] {
  const q = normalise(query.trim());
  if (!q) return objects.map((object) => ({ object, fields: object.fields, whole: true }));
  const out: PickerObject[] = [];
  for (const object of objects) {
    if ([object.name, object.label, object.area].some((s) => normalise(s).includes(q))) {
      out.push({ object, fields: object.fields, whole: true });
      continue;
    }
    const fields = object.fields.filter((f) => normalise(f.name).includes(q));
    if (fields.length) out.push({ object, fields, whole: false });
  }
  return out;
}

/** What the selected KPIs need: object → the fields they need of it (from the analysis). */
export type NeededFields = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Orders picker objects so those the selected KPIs need come first (most needed fields first), then the rest
 * by name; within an object, the needed fields first. Stable for objects that tie.
 */
export function neededFirst(objects: readonly PickerObject[], needed: NeededFields): PickerObject[] {
  const weight = (o: PickerObject) => needed.get(o.object.name)?.size ?? 0;
  return [...objects]
    .sort((a, b) => weight(b) - weight(a) || a.object.name.localeCompare(b.object.name))
    .map((o) => {
      const fields = needed.get(o.object.name);
      if (!fields) return o;
      const rank = (name: string) => (fields.has(name) ? 0 : 1);
      return { ...o, fields: [...o.fields].sort((a, b) => rank(a.name) - rank(b.name)) };
    });
}

/** "3 objects · 21 fields" for a source in the list. */
export function sourceCounts(source: Pick<DataSource, 'objects'>): { objects: number; fields: number } {
  return {
    objects: source.objects.length,
    fields: source.objects.reduce((n, o) => n + o.fields.length, 0),
  };
}

import type { DataObject, Field, FieldType, Relationship } from '../catalog/types';

/** Value types of the formula language. Dates and datetimes evaluate to epoch milliseconds. */
export type ValueType = 'number' | 'string' | 'boolean' | 'date' | 'datetime' | 'null';

export interface ObjectInfo {
  readonly def: DataObject;
  readonly fields: ReadonlyMap<string, Field>;
  readonly relationships: ReadonlyMap<string, Relationship>;
  /** Field and relationship names, for suggestions. */
  readonly memberNames: readonly string[];
}

/** The object model indexed for fast lookups during type-checking. */
export interface ModelIndex {
  readonly objects: ReadonlyMap<string, ObjectInfo>;
  readonly objectNames: readonly string[];
}

const cache = new WeakMap<readonly DataObject[], ModelIndex>();

/** Indexes an object model (cached per array instance). */
export function indexModel(objects: readonly DataObject[]): ModelIndex {
  const hit = cache.get(objects);
  if (hit) return hit;
  const map = new Map<string, ObjectInfo>();
  for (const def of objects) {
    const fields = new Map(def.fields.map((f) => [f.name, f]));
    const relationships = new Map(def.relationships.map((r) => [r.name, r]));
    map.set(def.name, {
      def,
      fields,
      relationships,
      memberNames: [...fields.keys(), ...relationships.keys()],
    });
  }
  const index: ModelIndex = { objects: map, objectNames: [...map.keys()] };
  cache.set(objects, index);
  return index;
}

/** Formula value type of a field type (`money`, `integer`, `decimal` are numbers; `enum` is a string). */
export function valueTypeOf(t: FieldType): ValueType {
  switch (t) {
    case 'integer':
    case 'decimal':
    case 'money':
      return 'number';
    case 'string':
    case 'enum':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
  }
}

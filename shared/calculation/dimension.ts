import type { DataObject, Field, Relationship } from '../domain/catalog/types';

/** A breakdown dimension that does not resolve to a field reached by to-one relationships. */
export class DimensionError extends Error {
  readonly code = 'CALC.BAD_DIMENSION';
}

/** A dimension `Object.rel.rel.field` resolved against the object model. */
export interface ResolvedDimension {
  readonly object: DataObject;
  readonly hops: readonly Relationship[];
  readonly field: Field;
}

const TO_ONE = new Set(['1..1', '0..1']);

/** Resolves `Shipment.carrier.name`-style paths (the catalog's `dimensions` notation). */
export function resolveDimension(path: string, objects: ReadonlyMap<string, DataObject>): ResolvedDimension {
  const parts = path.split('.');
  const object = objects.get(parts[0] ?? '');
  if (!object || parts.length < 2)
    throw new DimensionError(`'${path}' must be Object.field or Object.relationship.field`);
  let current = object;
  const hops: Relationship[] = [];
  for (const [i, name] of parts.slice(1).entries()) {
    const last = i === parts.length - 2;
    if (last) {
      const field = current.fields.find((f) => f.name === name);
      if (!field) throw new DimensionError(`${current.name} has no field '${name}' (in '${path}')`);
      return { object, hops, field };
    }
    const rel = current.relationships.find((r) => r.name === name);
    if (!rel) throw new DimensionError(`${current.name} has no relationship '${name}' (in '${path}')`);
    if (!TO_ONE.has(rel.cardinality))
      throw new DimensionError(`${current.name}.${name} is not to-one (in '${path}')`);
    const next = objects.get(rel.target);
    if (!next) throw new DimensionError(`relationship target ${rel.target} is missing (in '${path}')`);
    hops.push(rel);
    current = next;
  }
  throw new DimensionError(`'${path}' does not name a field`);
}

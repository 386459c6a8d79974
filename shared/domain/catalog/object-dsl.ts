import type { Cardinality, DataObject, Field, FieldType, Relationship } from './types';

/**
 * Compact notation for the object model, so that ~60 objects stay readable:
 * a field is `'name:type[!|>][?] description'` where `!` marks the primary key, `>` a foreign key,
 * `?` a nullable field, and an enum is written `enum(a|b|c)`.
 */
const FIELD =
  /^([a-z][A-Za-z0-9]*):(string|integer|decimal|money|boolean|date|datetime|enum\(([a-z0-9_|]+)\))([!>]?)(\??) (.+)$/;

export function parseField(spec: string): Field {
  const m = FIELD.exec(spec);
  if (!m) throw new Error(`CATALOG.BAD_FIELD_SPEC: ${spec}`);
  const [, name, rawType, values, key, optional, description] = m;
  const type = (rawType!.startsWith('enum') ? 'enum' : rawType) as FieldType;
  const field: Field = { name: name!, type, description: description!, required: optional !== '?' };
  if (values) Object.assign(field, { values: values.split('|') });
  if (key === '!') Object.assign(field, { key: 'primary' });
  if (key === '>') Object.assign(field, { key: 'foreign' });
  return field;
}

/** `[role, target object, foreign key field, how many sources per target, description]` */
export type RelationshipSpec = readonly [string, string, string, Cardinality, string];

export interface ObjectSpec {
  readonly label: string;
  readonly description: string;
  readonly time?: string;
  readonly fields: readonly string[];
  readonly rels?: readonly RelationshipSpec[];
}

/** Builds the data objects of one model area. */
export function defineObjects(area: string, specs: Readonly<Record<string, ObjectSpec>>): DataObject[] {
  return Object.entries(specs).map(([name, spec]) => {
    const fields = spec.fields.map(parseField);
    const relationships: Relationship[] = (spec.rels ?? []).map(
      ([role, target, fk, inverse, description]) => {
        const f = fields.find((x) => x.name === fk);
        if (!f) throw new Error(`CATALOG.BAD_RELATIONSHIP: ${name}.${role} uses missing field ${fk}`);
        return {
          name: role,
          target,
          foreignKey: fk,
          targetKey: 'id',
          cardinality: f.required ? '1..1' : '0..1',
          inverseCardinality: inverse,
          description,
        };
      },
    );
    const obj: DataObject = {
      name,
      label: spec.label,
      description: spec.description,
      area,
      primaryKey: fields.filter((f) => f.key === 'primary').map((f) => f.name),
      fields,
      relationships,
    };
    if (spec.time) Object.assign(obj, { timeField: spec.time });
    return obj;
  });
}

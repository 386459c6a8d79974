import type { Cardinality, FieldType } from '../catalog/types';
import type { Analysis } from './checker';

/** Why a formula needs a field. `period` = the object's time field, `join` = a relationship key. */
export type FieldUsage = 'value' | 'filter' | 'period' | 'join';

export interface RequiredField {
  readonly name: string;
  readonly type: FieldType;
  readonly usages: readonly FieldUsage[];
}

export interface RequiredObject {
  readonly name: string;
  readonly fields: readonly RequiredField[];
}

/** A join the formula performs, by navigating a relationship. */
export interface RequiredRelationship {
  readonly from: string;
  readonly name: string;
  readonly to: string;
  readonly foreignKey: string;
  readonly targetKey: string;
  readonly cardinality: Cardinality;
  readonly inverseCardinality: Cardinality;
}

/** Everything a KPI needs from the client's data, derived from its formula (never typed by hand). */
export interface Requirements {
  readonly objects: readonly RequiredObject[];
  readonly relationships: readonly RequiredRelationship[];
  /** KPI ids referenced with kpi('...'), directly or (after merging) transitively. */
  readonly kpis: readonly string[];
}

/** Code-unit order: deterministic on every machine, unlike localeCompare. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const USAGE_ORDER: readonly FieldUsage[] = ['value', 'filter', 'period', 'join'];

class Collector {
  readonly objects = new Map<string, Map<string, { type: FieldType; usages: Set<FieldUsage> }>>();
  readonly relationships = new Map<string, RequiredRelationship>();
  readonly kpis = new Set<string>();

  object(name: string) {
    let o = this.objects.get(name);
    if (!o) {
      o = new Map();
      this.objects.set(name, o);
    }
    return o;
  }

  field(object: string, name: string, type: FieldType, usage: FieldUsage) {
    const o = this.object(object);
    let f = o.get(name);
    if (!f) {
      f = { type, usages: new Set() };
      o.set(name, f);
    }
    f.usages.add(usage);
  }

  result(): Requirements {
    const objects = [...this.objects.entries()]
      .sort(([a], [b]) => byCode(a, b))
      .map(([name, fields]) => ({
        name,
        fields: [...fields.entries()]
          .sort(([a], [b]) => byCode(a, b))
          .map(([fname, f]) => ({
            name: fname,
            type: f.type,
            usages: USAGE_ORDER.filter((u) => f.usages.has(u)),
          })),
      }));
    const relationships = [...this.relationships.values()].sort(
      (a, b) => byCode(a.from, b.from) || byCode(a.name, b.name),
    );
    return { objects, relationships, kpis: [...this.kpis].sort() };
  }
}

/** Derives the objects, fields, joins and referenced KPIs of a type-checked formula. */
export function deriveRequirements(analysis: Analysis): Requirements {
  const c = new Collector();
  for (const obj of analysis.aggregates.values()) {
    c.object(obj.def.name);
    const tf = obj.def.timeField;
    if (tf) {
      const field = obj.fields.get(tf);
      if (field) c.field(obj.def.name, tf, field.type, 'period');
    }
  }
  for (const ref of analysis.refs.values()) {
    for (const hop of ref.hops) {
      const { rel, from, to } = hop;
      c.relationships.set(`${from.def.name}.${rel.name}`, {
        from: from.def.name,
        name: rel.name,
        to: rel.target,
        foreignKey: rel.foreignKey,
        targetKey: rel.targetKey,
        cardinality: rel.cardinality,
        inverseCardinality: rel.inverseCardinality,
      });
      c.field(from.def.name, rel.foreignKey, from.fields.get(rel.foreignKey)?.type ?? 'string', 'join');
      c.field(to.def.name, rel.targetKey, to.fields.get(rel.targetKey)?.type ?? 'string', 'join');
    }
    if (ref.field) {
      const owner = ref.hops.length ? ref.hops[ref.hops.length - 1]!.to : ref.object;
      c.field(owner.def.name, ref.field.name, ref.field.type, ref.usage);
    }
  }
  for (const k of analysis.kpiRefs) c.kpis.add(k.id);
  return c.result();
}

/** Union of several requirement sets (a KPI with its derived-KPI dependencies, or a KPI selection). */
export function mergeRequirements(list: readonly Requirements[]): Requirements {
  const c = new Collector();
  for (const r of list) {
    for (const o of r.objects) {
      c.object(o.name);
      for (const f of o.fields) for (const u of f.usages) c.field(o.name, f.name, f.type, u);
    }
    for (const rel of r.relationships) c.relationships.set(`${rel.from}.${rel.name}`, rel);
    for (const k of r.kpis) c.kpis.add(k);
  }
  return c.result();
}

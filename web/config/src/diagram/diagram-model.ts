/**
 * The UML class diagram's model, built from what the metadata service serves: the graph a set of KPIs
 * needs (`GET metadata/objects/graph?kpis=`) or the whole object model (`GET metadata/objects`), plus an
 * index of which objects, fields and associations each KPI needs (for highlighting). Pure.
 */
import type { objectGraphSchema } from '@kpi/shared/contracts/metadata-catalog';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import type { z } from 'zod';

/** `GET metadata/objects/graph` (and the tenant variant). */
export type ObjectGraph = z.infer<typeof objectGraphSchema>;

/** `GET metadata/objects`: the whole object model. */
export interface ObjectModelResponse {
  catalogVersion: string;
  objects: DataObject[];
}

/** One typed attribute row of a class. */
export interface DiagramField {
  name: string;
  type: string;
  required: boolean;
  key?: 'primary' | 'foreign';
}

/** One UML class. */
export interface DiagramClass {
  name: string;
  label: string;
  area: string;
  description: string;
  fields: DiagramField[];
}

/** One association, declared on the side holding the foreign key (`from`). */
export interface DiagramRelationship {
  /** `<from>.<name>`, unique. */
  id: string;
  from: string;
  name: string;
  to: string;
  foreignKey: string;
  targetKey: string;
  /** How many `to` records one `from` record has (drawn at the `to` end). */
  cardinality: string;
  /** How many `from` records one `to` record has (drawn at the `from` end). */
  inverseCardinality: string;
  /**
   * True for an association of the object model between two drawn classes that the KPIs do not navigate:
   * drawn for context (how the objects relate), in a lighter style.
   */
  context?: boolean;
}

export interface DiagramModel {
  catalogVersion: string;
  classes: DiagramClass[];
  relationships: DiagramRelationship[];
}

/** What one KPI needs: object names, `Object.field` keys and relationship ids. */
export interface KpiNeeds {
  objects: Set<string>;
  fields: Set<string>;
  relationships: Set<string>;
}

export const fieldKey = (object: string, field: string) => `${object}.${field}`;
const relationshipId = (from: string, name: string) => `${from}.${name}`;

const field = (f: DiagramField): DiagramField => ({
  name: f.name,
  type: f.type,
  required: f.required,
  ...(f.key ? { key: f.key } : {}),
});

/** Only associations whose two ends are classes of the diagram can be drawn. */
function drawable(classes: DiagramClass[], relationships: DiagramRelationship[]): DiagramRelationship[] {
  const names = new Set(classes.map((c) => c.name));
  return relationships.filter((r) => names.has(r.from) && names.has(r.to));
}

/**
 * The classes and associations of a KPI graph: the fields the KPIs need plus the keys. With the whole
 * object model, the other associations between the graph's classes are added as context.
 */
export function modelFromGraph(graph: ObjectGraph, whole?: ObjectModelResponse): DiagramModel {
  const classes = graph.objects.map((o) => ({
    name: o.name,
    label: o.label,
    area: o.area,
    description: o.description,
    fields: o.fields.map(field),
  }));
  const relationships = graph.relationships.map((r) => ({
    id: relationshipId(r.from, r.name),
    from: r.from,
    name: r.name,
    to: r.to,
    foreignKey: r.foreignKey,
    targetKey: r.targetKey,
    cardinality: r.cardinality,
    inverseCardinality: r.inverseCardinality,
  }));
  const needed = new Set(relationships.map((r) => r.id));
  const context = whole
    ? modelFromObjects(whole)
        .relationships.filter((r) => !needed.has(r.id))
        .map((r) => ({ ...r, context: true }))
    : [];
  return {
    catalogVersion: graph.catalogVersion,
    classes,
    relationships: drawable(classes, [...relationships, ...context]),
  };
}

/** The whole object model: every object with all its fields and associations. */
export function modelFromObjects(response: ObjectModelResponse): DiagramModel {
  const classes = response.objects.map((o) => ({
    name: o.name,
    label: o.label,
    area: o.area,
    description: o.description,
    fields: o.fields.map(field),
  }));
  const relationships = response.objects.flatMap((o) =>
    o.relationships.map((r) => ({
      id: relationshipId(o.name, r.name),
      from: o.name,
      name: r.name,
      to: r.target,
      foreignKey: r.foreignKey,
      targetKey: r.targetKey,
      cardinality: r.cardinality,
      inverseCardinality: r.inverseCardinality,
    })),
  );
  return {
    catalogVersion: response.catalogVersion,
    classes,
    relationships: drawable(classes, relationships),
  };
}

/** Per KPI of the graph: the objects, fields and associations it needs. */
export function needsByKpi(graph: ObjectGraph): Map<string, KpiNeeds> {
  const out = new Map<string, KpiNeeds>();
  const needs = (kpi: string) => {
    let n = out.get(kpi);
    if (!n) {
      n = { objects: new Set(), fields: new Set(), relationships: new Set() };
      out.set(kpi, n);
    }
    return n;
  };
  for (const kpi of graph.kpis) needs(kpi);
  for (const o of graph.objects) {
    for (const kpi of o.kpis) needs(kpi).objects.add(o.name);
    for (const f of o.fields) for (const kpi of f.kpis) needs(kpi).fields.add(fieldKey(o.name, f.name));
  }
  for (const r of graph.relationships)
    for (const kpi of r.kpis) needs(kpi).relationships.add(relationshipId(r.from, r.name));
  return out;
}

/** Per object name: the KPIs of the graph that need it. */
export function kpisByObject(graph: ObjectGraph): Map<string, string[]> {
  return new Map(graph.objects.map((o) => [o.name, [...o.kpis]]));
}

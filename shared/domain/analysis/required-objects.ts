/**
 * Required-objects analysis: what the selected KPIs need from the client's data (the formula engine's
 * requirements) against what the declared data sources provide. Pure and deterministic: the same inputs
 * give the same result, so it can be recomputed on every read.
 */
import type { FieldType } from '../catalog/types';
import type { FieldUsage, RequiredRelationship, Requirements } from '../formula/requirements';

/** What one declared source provides (only what the analysis reads). */
export interface ProvidingSource {
  readonly id: string;
  readonly name: string;
  readonly objects: readonly {
    readonly name: string;
    readonly fields: readonly { readonly name: string }[];
  }[];
}

/** ready: every field is provided; partial: every object has a source but fields are missing; blocked: an object has none (or the KPI is unknown). */
export type KpiReadiness = 'ready' | 'partial' | 'blocked';

export interface FieldCoverage {
  readonly name: string;
  readonly type: FieldType;
  readonly usages: readonly FieldUsage[];
  /** Selected KPIs needing this field. */
  readonly kpis: readonly string[];
  /** Ids of the sources providing it. */
  readonly providedBy: readonly string[];
}

export interface ObjectCoverage {
  readonly name: string;
  readonly kpis: readonly string[];
  readonly fields: readonly FieldCoverage[];
  /** Ids of the sources providing at least one field of the object. */
  readonly providedBy: readonly string[];
  /** Required fields provided / required fields. */
  readonly providedFields: number;
  readonly requiredFields: number;
  /** Per source: how many of the required fields it provides (the coverage matrix row). */
  readonly bySource: readonly { readonly sourceId: string; readonly fields: number }[];
}

export interface RelationshipCoverage extends RequiredRelationship {
  /** Both ends of the join (foreign key and target key) are provided. */
  readonly covered: boolean;
}

export interface MissingField {
  readonly object: string;
  readonly field: string;
}

export interface KpiAnalysis {
  readonly kpiId: string;
  readonly status: KpiReadiness;
  readonly missing: readonly MissingField[];
  /** Objects with no source at all. */
  readonly missingObjects: readonly string[];
  /** Set when the KPI is not in the catalog or its formula does not check. */
  readonly problem?: 'unknown-kpi';
}

/** A gap: a whole object nobody provides, or one field of a provided object. */
export interface Gap {
  readonly object: string;
  /** Absent for a whole-object gap. */
  readonly field?: string;
  readonly kpis: readonly string[];
}

export interface RequiredObjectsAnalysis {
  readonly objects: readonly ObjectCoverage[];
  readonly relationships: readonly RelationshipCoverage[];
  readonly kpis: readonly KpiAnalysis[];
  readonly gaps: readonly Gap[];
  readonly summary: {
    readonly ready: number;
    readonly partial: number;
    readonly blocked: number;
    readonly requiredFields: number;
    readonly providedFields: number;
    /** 0..100, one decimal; 100 when nothing is required. */
    readonly fieldCoveragePercent: number;
  };
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const key = (object: string, field: string) => `${object}.${field}`;

interface FieldAcc {
  type: FieldType;
  usages: Set<FieldUsage>;
  kpis: Set<string>;
}

/**
 * Analyses `kpiIds` (in selection order) with their requirements (`null` = unknown KPI or invalid formula)
 * against `sources`.
 */
export function analyseRequiredObjects(
  kpiIds: readonly string[],
  requirementsOf: (kpiId: string) => Requirements | null,
  sources: readonly ProvidingSource[],
): RequiredObjectsAnalysis {
  // Who provides what: "Object.field" → source ids, and object → source ids.
  const fieldProviders = new Map<string, string[]>();
  for (const s of sources) {
    for (const o of s.objects) {
      for (const f of o.fields) {
        const k = key(o.name, f.name);
        const list = fieldProviders.get(k) ?? [];
        if (!list.includes(s.id)) list.push(s.id);
        fieldProviders.set(k, list);
      }
    }
  }

  const required = new Map<string, Map<string, FieldAcc>>();
  const objectKpis = new Map<string, Set<string>>();
  const relationships = new Map<string, RequiredRelationship>();
  const perKpi = new Map<string, Requirements | null>();
  for (const kpiId of new Set(kpiIds)) {
    const req = requirementsOf(kpiId);
    perKpi.set(kpiId, req);
    if (!req) continue;
    for (const o of req.objects) {
      const fields = required.get(o.name) ?? new Map<string, FieldAcc>();
      required.set(o.name, fields);
      const ok = objectKpis.get(o.name) ?? new Set<string>();
      ok.add(kpiId);
      objectKpis.set(o.name, ok);
      for (const f of o.fields) {
        const acc = fields.get(f.name) ?? { type: f.type, usages: new Set(), kpis: new Set() };
        for (const u of f.usages) acc.usages.add(u);
        acc.kpis.add(kpiId);
        fields.set(f.name, acc);
      }
    }
    for (const r of req.relationships) relationships.set(`${r.from}.${r.name}`, r);
  }

  const provided = (object: string, field: string) => fieldProviders.get(key(object, field)) ?? [];
  const objectProvided = (object: string) => sources.some((s) => s.objects.some((o) => o.name === object));

  const objects: ObjectCoverage[] = [...required.entries()]
    .sort(([a], [b]) => byCode(a, b))
    .map(([name, fields]) => {
      const fieldList: FieldCoverage[] = [...fields.entries()]
        .sort(([a], [b]) => byCode(a, b))
        .map(([fname, f]) => ({
          name: fname,
          type: f.type,
          usages: (['value', 'filter', 'period', 'join'] as const).filter((u) => f.usages.has(u)),
          kpis: sortedKpis(f.kpis, kpiIds),
          providedBy: provided(name, fname),
        }));
      const bySource = sources
        .filter((s) => s.objects.some((o) => o.name === name))
        .map((s) => ({
          sourceId: s.id,
          fields: fieldList.filter((f) => f.providedBy.includes(s.id)).length,
        }));
      return {
        name,
        kpis: sortedKpis(objectKpis.get(name) ?? new Set(), kpiIds),
        fields: fieldList,
        providedBy: bySource.map((b) => b.sourceId),
        providedFields: fieldList.filter((f) => f.providedBy.length > 0).length,
        requiredFields: fieldList.length,
        bySource,
      };
    });

  const kpis: KpiAnalysis[] = [...perKpi.entries()].map(([kpiId, req]) => {
    if (!req) return { kpiId, status: 'blocked', missing: [], missingObjects: [], problem: 'unknown-kpi' };
    const missing: MissingField[] = [];
    const missingObjects: string[] = [];
    for (const o of req.objects) {
      if (!objectProvided(o.name)) missingObjects.push(o.name);
      for (const f of o.fields)
        if (provided(o.name, f.name).length === 0) missing.push({ object: o.name, field: f.name });
    }
    const status: KpiReadiness = missingObjects.length ? 'blocked' : missing.length ? 'partial' : 'ready';
    return { kpiId, status, missing, missingObjects };
  });

  const gaps: Gap[] = [];
  for (const o of objects) {
    if (o.providedBy.length === 0) {
      gaps.push({ object: o.name, kpis: o.kpis });
      continue;
    }
    for (const f of o.fields)
      if (f.providedBy.length === 0) gaps.push({ object: o.name, field: f.name, kpis: f.kpis });
  }

  const relationshipList: RelationshipCoverage[] = [...relationships.values()]
    .sort((a, b) => byCode(a.from, b.from) || byCode(a.name, b.name))
    .map((r) => ({
      ...r,
      covered: provided(r.from, r.foreignKey).length > 0 && provided(r.to, r.targetKey).length > 0,
    }));

  const requiredFields = objects.reduce((n, o) => n + o.requiredFields, 0);
  const providedFields = objects.reduce((n, o) => n + o.providedFields, 0);
  const count = (s: KpiReadiness) => kpis.filter((k) => k.status === s).length;
  return {
    objects,
    relationships: relationshipList,
    kpis,
    gaps,
    summary: {
      ready: count('ready'),
      partial: count('partial'),
      blocked: count('blocked'),
      requiredFields,
      providedFields,
      fieldCoveragePercent: requiredFields ? Math.round((providedFields / requiredFields) * 1000) / 10 : 100,
    },
  };
}

/** KPI ids in selection order (stable, and the order the user chose). */
function sortedKpis(set: ReadonlySet<string>, order: readonly string[]): string[] {
  return order.filter((id, i) => set.has(id) && order.indexOf(id) === i);
}

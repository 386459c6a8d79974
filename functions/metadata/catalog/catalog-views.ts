/**
 * Everything the read endpoints serve, derived once per catalog version: a formula engine, KPI details with
 * their requirements (derived by the formula engine, never typed by hand), the object model and its graph
 * for a set of KPIs, and the search index. Pure: built from a `Catalog`, no I/O.
 */
import { indexCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import type {
  Cardinality,
  Catalog,
  CatalogIndex,
  DataObject,
  FieldType,
  KpiDefinition,
} from '@kpi/shared/domain/catalog/types';
import { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import { printFormula } from '@kpi/shared/domain/formula/printer';
import type { Requirements } from '@kpi/shared/domain/formula/requirements';
import { notFound } from '@kpi/shared/platform/errors';
import { KpiSearchIndex } from './catalog-search';

/** A KPI with what it needs and where it is used. */
export interface KpiDetail {
  readonly catalogVersion: string;
  readonly kpi: KpiDefinition;
  /** The formula in canonical form (`printFormula`). */
  readonly formulaPretty: string;
  readonly requirements: Requirements;
  readonly useCases: readonly {
    id: string;
    name: string;
    stageId: string;
    stageName: string;
    industryId: string;
  }[];
  readonly industries: readonly { id: string; name: string }[];
}

/** One class of the UML diagram: the object with the fields the selected KPIs need (and its keys). */
export interface GraphObject {
  readonly name: string;
  readonly label: string;
  readonly area: string;
  readonly description: string;
  readonly primaryKey: readonly string[];
  readonly fields: readonly {
    name: string;
    type: FieldType;
    required: boolean;
    key?: 'primary' | 'foreign';
    usages: readonly string[];
    kpis: readonly string[];
  }[];
  readonly kpis: readonly string[];
}

/** One association of the UML diagram. */
export interface GraphRelationship {
  readonly from: string;
  readonly name: string;
  readonly to: string;
  readonly foreignKey: string;
  readonly targetKey: string;
  readonly cardinality: Cardinality;
  readonly inverseCardinality: Cardinality;
  readonly kpis: readonly string[];
}

export interface ObjectGraph {
  readonly catalogVersion: string;
  readonly kpis: readonly string[];
  readonly objects: readonly GraphObject[];
  readonly relationships: readonly GraphRelationship[];
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class CatalogViews {
  readonly index: CatalogIndex;
  readonly engine: FormulaEngine;
  readonly search: KpiSearchIndex;
  /** `GET objects`, serialised once. */
  readonly objectsJson: string;
  private readonly details = new Map<string, KpiDetail>();

  constructor(readonly catalog: Catalog) {
    this.index = indexCatalog(catalog);
    this.engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
    this.search = new KpiSearchIndex(catalog.kpis);
    this.objectsJson = JSON.stringify({ catalogVersion: catalog.catalogVersion, objects: catalog.objects });
  }

  get catalogVersion(): string {
    return this.catalog.catalogVersion;
  }

  /** The KPI's detail (memoised); 404 `CATALOG.KPI_NOT_FOUND` for an unknown id. */
  kpiDetail(id: string): KpiDetail {
    const hit = this.details.get(id);
    if (hit) return hit;
    const kpi = this.index.kpis.get(id);
    if (!kpi) throw notFound('CATALOG.KPI_NOT_FOUND', `No KPI ${id} in the catalog`);
    const check = this.engine.check(kpi.formula, { selfId: id });
    const requirements = this.engine.requirementsOf(id) ?? { objects: [], relationships: [], kpis: [] };
    const useCases = (this.index.useCasesByKpi.get(id) ?? []).map((u) => {
      const stage = this.index.stages.get(u.stageId);
      return {
        id: u.id,
        name: u.name,
        stageId: u.stageId,
        stageName: stage?.name ?? '',
        industryId: stage?.industryId ?? '',
      };
    });
    const industries = (this.index.industriesByKpi.get(id) ?? []).map((i) => ({
      id: i,
      name: this.index.industries.get(i)?.name ?? i,
    }));
    const detail: KpiDetail = {
      catalogVersion: this.catalogVersion,
      kpi,
      formulaPretty: check.ast ? printFormula(check.ast) : kpi.formula,
      requirements,
      useCases,
      industries,
    };
    this.details.set(id, detail);
    return detail;
  }

  /**
   * The objects and associations a set of KPIs needs; 404 `CATALOG.KPI_NOT_FOUND` naming unknown ids.
   * `extra`: requirements of KPIs outside the catalog (a tenant's custom KPIs), by id.
   */
  graph(kpiIds: readonly string[], extra: ReadonlyMap<string, Requirements> = new Map()): ObjectGraph {
    const ids = [...new Set(kpiIds)];
    const unknown = ids.filter((id) => !this.index.kpis.has(id) && !extra.has(id));
    if (unknown.length) throw notFound('CATALOG.KPI_NOT_FOUND', `Unknown KPI ids: ${unknown.join(', ')}`);
    return graphOf(
      this.catalogVersion,
      this.index.objects,
      ids.map((id) => ({ id, requirements: extra.get(id) ?? this.kpiDetail(id).requirements })),
    );
  }
}

/** Merges the requirements of several KPIs into the UML graph, remembering which KPI needs what. */
export function graphOf(
  catalogVersion: string,
  objects: ReadonlyMap<string, DataObject>,
  kpis: readonly { id: string; requirements: Requirements }[],
): ObjectGraph {
  const objectKpis = new Map<string, Set<string>>();
  const fieldInfo = new Map<string, Map<string, { usages: Set<string>; kpis: Set<string> }>>();
  const rels = new Map<string, { rel: Requirements['relationships'][number]; kpis: Set<string> }>();
  for (const { id, requirements } of kpis) {
    for (const o of requirements.objects) {
      if (!objectKpis.has(o.name)) objectKpis.set(o.name, new Set());
      objectKpis.get(o.name)!.add(id);
      const fields = getOrSet(fieldInfo, o.name, () => new Map());
      for (const f of o.fields) {
        const info = getOrSet(fields, f.name, () => ({ usages: new Set<string>(), kpis: new Set<string>() }));
        for (const u of f.usages) info.usages.add(u);
        info.kpis.add(id);
      }
    }
    for (const r of requirements.relationships) {
      const key = `${r.from}.${r.name}`;
      getOrSet(rels, key, () => ({ rel: r, kpis: new Set<string>() })).kpis.add(id);
    }
  }
  const graphObjects: GraphObject[] = [];
  for (const name of [...objectKpis.keys()].sort(byCode)) {
    const o = objects.get(name);
    if (!o) continue;
    const needed = fieldInfo.get(name) ?? new Map();
    const fields = o.fields
      .filter((f) => needed.has(f.name) || f.key === 'primary')
      .map((f) => {
        const info = needed.get(f.name);
        return {
          name: f.name,
          type: f.type,
          required: f.required,
          ...(f.key ? { key: f.key } : {}),
          usages: info ? [...info.usages].sort(byCode) : ['key'],
          kpis: info ? [...info.kpis].sort(byCode) : [],
        };
      });
    graphObjects.push({
      name,
      label: o.label,
      area: o.area,
      description: o.description,
      primaryKey: o.primaryKey,
      fields,
      kpis: [...objectKpis.get(name)!].sort(byCode),
    });
  }
  const relationships = [...rels.values()]
    .sort((a, b) => byCode(a.rel.from, b.rel.from) || byCode(a.rel.name, b.rel.name))
    .map(({ rel, kpis: k }) => ({ ...rel, kpis: [...k].sort(byCode) }));
  return { catalogVersion, kpis: kpis.map((k) => k.id), objects: graphObjects, relationships };
}

import { describe, expect, it } from 'vitest';
import { FormulaEngine } from '../formula/engine';
import { indexCatalog, loadCatalog } from './load-catalog';
import { buildTree } from './tree';

const catalog = loadCatalog();
const index = indexCatalog(catalog);

describe('catalog content', () => {
  it('meets the size requirements', () => {
    expect(catalog.industries.length).toBeGreaterThanOrEqual(6);
    expect(catalog.kpis.length).toBeGreaterThanOrEqual(200);
    expect(catalog.objects.length).toBeGreaterThanOrEqual(30);
    for (const i of catalog.industries)
      expect(index.stagesByIndustry.get(i.id)?.length).toBeGreaterThanOrEqual(5);
    for (const s of catalog.stages)
      expect(index.useCasesByStage.get(s.id)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(catalog.catalogVersion).toMatch(/^\d+\.\d+\.\d+-[0-9a-f]{8}$/);
  });

  it('has unique ids and resolvable references', () => {
    for (const list of [catalog.industries, catalog.stages, catalog.useCases, catalog.kpis]) {
      expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
    }
    expect(new Set(catalog.objects.map((o) => o.name)).size).toBe(catalog.objects.length);
    for (const s of catalog.stages) expect(index.industries.has(s.industryId)).toBe(true);
    for (const u of catalog.useCases) {
      expect(index.stages.has(u.stageId)).toBe(true);
      for (const id of u.kpiIds) expect(index.kpis.has(id), `${u.id} → ${id}`).toBe(true);
    }
    for (const k of catalog.kpis)
      expect(index.useCasesByKpi.get(k.id)?.length ?? 0, `${k.id} is in no use case`).toBeGreaterThan(0);
  });

  it('shares KPIs between industries by reference', () => {
    const shared = [...index.industriesByKpi].filter(([, inds]) => inds.length > 1);
    expect(shared.length).toBeGreaterThan(30);
    expect(index.industriesByKpi.get('net-promoter-score')?.length).toBeGreaterThanOrEqual(4);
  });

  it('defines every KPI completely and consistently', () => {
    for (const k of catalog.kpis) {
      expect(k.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(k.description.length).toBeGreaterThan(20);
      expect(k.tags.length).toBeGreaterThan(0);
      const { good, warning, critical } = k.thresholds;
      if (k.direction === 'higher-is-better') expect(good >= warning && warning >= critical, k.id).toBe(true);
      else expect(good <= warning && warning <= critical, k.id).toBe(true);
      if (k.standard) expect(k.standard.code.length * k.standard.title.length).toBeGreaterThan(0);
    }
    expect(catalog.kpis.filter((k) => k.standard).length).toBeGreaterThanOrEqual(25);
  });

  it('has a well-formed object model', () => {
    const names = new Set(catalog.objects.map((o) => o.name));
    for (const o of catalog.objects) {
      const fields = new Map(o.fields.map((f) => [f.name, f]));
      expect(o.primaryKey.length, o.name).toBeGreaterThan(0);
      for (const pk of o.primaryKey) expect(fields.get(pk)?.key).toBe('primary');
      if (o.timeField) expect(['date', 'datetime']).toContain(fields.get(o.timeField)?.type);
      for (const f of o.fields)
        if (f.type === 'enum') expect(f.values?.length, `${o.name}.${f.name}`).toBeGreaterThan(1);
      for (const r of o.relationships) {
        expect(names.has(r.target), `${o.name}.${r.name}`).toBe(true);
        expect(fields.get(r.foreignKey)?.key).toBe('foreign');
        expect(r.cardinality).toBe(fields.get(r.foreignKey)?.required ? '1..1' : '0..1');
      }
    }
  });

  it('declares dimensions that resolve to fields of the object model', () => {
    const engine = new FormulaEngine(catalog.objects);
    for (const k of catalog.kpis) {
      for (const dim of k.dimensions) {
        const object = dim.split('.')[0]!;
        const r = engine.check(`count(${object} where ${dim} is null)`);
        expect(r.diagnostics, `${k.id}: ${dim}`).toEqual([]);
      }
    }
  });
});

describe('buildTree', () => {
  it('counts distinct KPIs at every level', () => {
    const tree = buildTree(catalog);
    expect(tree.catalogVersion).toBe(catalog.catalogVersion);
    expect(tree.kpiCount).toBe(catalog.kpis.length);
    expect(tree.industries.map((i) => i.id)).toEqual(catalog.industries.map((i) => i.id));
    for (const ind of tree.industries) {
      const ids = new Set<string>();
      for (const stage of ind.children ?? []) {
        const stageIds = new Set<string>();
        for (const uc of stage.children ?? []) {
          expect(uc.count).toBe(uc.children?.length);
          for (const k of uc.children ?? []) {
            expect(k).toMatchObject({ kind: 'kpi', count: 1 });
            stageIds.add(k.id);
            ids.add(k.id);
          }
        }
        expect(stage.count).toBe(stageIds.size);
      }
      expect(ind.count).toBe(ids.size);
    }
    const manufacturing = tree.industries.find((i) => i.id === 'manufacturing')!;
    expect(manufacturing.children?.map((s) => s.name)).toEqual([
      'Plan',
      'Source',
      'Make',
      'Deliver',
      'Return',
      'Service',
      'Enable',
    ]);
  });

  it('filters by industry and by search terms, pruning empty branches', () => {
    const one = buildTree(catalog, { industry: 'healthcare' });
    expect(one.industries.map((i) => i.id)).toEqual(['healthcare']);
    expect(one.kpiCount).toBe(one.industries[0]!.count);
    const saidi = buildTree(catalog, { search: 'SAIDI' });
    expect(saidi.kpiCount).toBe(1);
    expect(saidi.industries.map((i) => i.id)).toEqual(['energy-utilities']);
    const retailMargin = buildTree(catalog, { search: 'retail margin' });
    expect(retailMargin.industries.map((i) => i.id)).toEqual(['retail']);
    expect(retailMargin.kpiCount).toBeGreaterThanOrEqual(2);
    expect(buildTree(catalog, { search: 'zzz-no-such-kpi' })).toMatchObject({ kpiCount: 0, industries: [] });
    expect(buildTree(catalog, { industry: 'nope' }).industries).toEqual([]);
  });
});

import { configurationSchema, dataSourceSchema, tenantSchema } from '@kpi/shared/contracts/demo-config';
import { analyseRequiredObjects } from '@kpi/shared/domain/analysis/required-objects';
import { loadCatalogWithIndex } from '@kpi/shared/domain/catalog/load-catalog';
import { FormulaEngine } from '@kpi/shared/domain/formula/index';
import { describe, expect, it } from 'vitest';
import { DEMO_KPIS_PER_TENANT, demoKpiIds, demoTenantItems } from './demo-tenants';
import { seedTenants } from './seed-data';

describe('demo tenants', () => {
  const { catalog, index } = loadCatalogWithIndex();
  const items = demoTenantItems(catalog);
  const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));

  it('seeds one tenant per industry, apart from the seeded customer tenants', () => {
    expect(items.tenants.map((t) => t.industryId).sort()).toEqual(catalog.industries.map((i) => i.id).sort());
    expect(items.tenants.map((t) => t.id)).toContain('demo-manufacturing');
    const customers = new Set(seedTenants.map((t) => t.id));
    expect(items.tenants.filter((t) => customers.has(t.id))).toEqual([]);
  });

  it('writes items that parse with the demo-config schemas, unchanged', () => {
    for (const t of items.tenants) expect(tenantSchema.parse(t)).toEqual(t);
    for (const c of items.configurations) expect(configurationSchema.parse(c)).toEqual(c);
    for (const s of items.sources) expect(dataSourceSchema.parse(s)).toEqual(s);
  });

  it('selects KPIs of the industry from every value chain', () => {
    for (const cfg of items.configurations) {
      const tenant = items.tenants.find((t) => t.id === cfg.tenantId);
      const stages = catalog.stages.filter((s) => s.industryId === tenant?.industryId);
      const kpis = cfg.selectedKpis.map((k) => k.kpiId);
      expect(kpis).toHaveLength(DEMO_KPIS_PER_TENANT);
      expect(new Set(kpis).size).toBe(kpis.length);
      for (const id of kpis) expect(index.kpis.has(id), id).toBe(true);
      const chainsCovered = stages.filter((s) =>
        catalog.useCases.some((u) => u.stageId === s.id && u.kpiIds.some((k) => kpis.includes(k))),
      );
      expect(chainsCovered).toHaveLength(stages.length);
    }
    expect(demoKpiIds(catalog, 'no-such-industry')).toEqual([]);
  });

  it('declares sources on the catalog objects and fields, giving ready and not-ready KPIs', () => {
    for (const cfg of items.configurations) {
      const sources = items.sources.filter(
        (s) => s.configurationId === cfg.id && s.tenantId === cfg.tenantId,
      );
      expect(sources.length).toBeGreaterThanOrEqual(1);
      for (const o of sources.flatMap((s) => s.objects)) {
        const fields = new Set(index.objects.get(o.name)?.fields.map((f) => f.name));
        expect(
          o.fields.filter((f) => !fields.has(f.name)),
          o.name,
        ).toEqual([]);
      }
      const analysis = analyseRequiredObjects(
        cfg.selectedKpis.map((k) => k.kpiId),
        (id) => engine.requirementsOf(id),
        sources,
      );
      expect(analysis.summary.ready, cfg.id).toBeGreaterThan(0);
      expect(analysis.summary.ready, cfg.id).toBeLessThan(cfg.selectedKpis.length);
    }
  });
});

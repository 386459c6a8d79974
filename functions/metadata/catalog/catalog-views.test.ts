import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { describe, expect, it } from 'vitest';
import { CatalogViews } from './catalog-views';
import { applyOverrides, CurrentCatalog } from './current-catalog';

const catalog = loadCatalog();
const views = new CatalogViews(catalog);

describe('KPI detail', () => {
  it('derives objects, fields and their usages from the formula and lists where the KPI is used', () => {
    const d = views.kpiDetail('otif-rate');
    expect(d.kpi.id).toBe('otif-rate');
    expect(d.requirements.objects.map((o) => o.name)).toEqual(['Shipment']);
    const fields = Object.fromEntries(d.requirements.objects[0]!.fields.map((f) => [f.name, f.usages]));
    expect(fields).toMatchObject({ deliveredAt: ['filter'], promisedAt: ['filter'], shippedAt: ['period'] });
    expect(d.industries.map((i) => i.id).sort()).toEqual(['logistics', 'manufacturing']);
    expect(d.useCases.every((u) => u.industryId && u.stageName)).toBe(true);
  });

  it("includes a derived KPI's referenced KPIs and their requirements", () => {
    const d = views.kpiDetail('revenue-growth');
    expect(d.requirements.kpis).toContain('net-revenue');
    expect(d.requirements.objects.length).toBeGreaterThan(0);
    expect(d.formulaPretty).toContain("kpi('net-revenue')");
  });

  it('prints the formula canonically and 404s an unknown id', () => {
    for (const k of catalog.kpis.slice(0, 40))
      expect(views.kpiDetail(k.id).formulaPretty.length).toBeGreaterThan(0);
    expect(() => views.kpiDetail('no-such-kpi')).toThrow(expect.objectContaining({ httpStatus: 404 }));
  });
});

describe('object graph', () => {
  it('merges the needs of several KPIs, naming which KPI needs each object and field', () => {
    const g = views.graph(['otif-rate', 'gross-margin', 'otif-rate']);
    expect(g.kpis).toEqual(['otif-rate', 'gross-margin']);
    const shipment = g.objects.find((o) => o.name === 'Shipment')!;
    expect(shipment.kpis).toEqual(['otif-rate']);
    expect(shipment.fields.find((f) => f.name === 'id')?.key).toBe('primary');
    expect(shipment.fields.find((f) => f.name === 'promisedAt')?.kpis).toEqual(['otif-rate']);
    expect(g.objects.find((o) => o.name === 'SalesOrderLine')?.kpis).toEqual(['gross-margin']);
  });

  it('carries the joins a formula navigates as relationships with cardinalities', () => {
    const withJoin = catalog.kpis.find((k) => views.kpiDetail(k.id).requirements.relationships.length > 0)!;
    const g = views.graph([withJoin.id]);
    expect(g.relationships.length).toBeGreaterThan(0);
    for (const r of g.relationships) {
      expect(g.objects.some((o) => o.name === r.from)).toBe(true);
      expect(g.objects.some((o) => o.name === r.to)).toBe(true);
      expect(r.cardinality).toMatch(/\.\./);
    }
  });

  it('404s naming the unknown KPI ids', () => {
    expect(() => views.graph(['otif-rate', 'nope-1'])).toThrow(/nope-1/);
  });
});

describe('search', () => {
  it('ranks name matches above tag and description matches', () => {
    const { items, total } = views.search.search('margin', 50);
    expect(total).toBeGreaterThan(3);
    const firstNonName = items.findIndex((h) => !h.matchedIn.includes('name'));
    expect(firstNonName).toBeGreaterThan(0);
    expect(items.slice(firstNonName).every((h) => !h.matchedIn.includes('name'))).toBe(true);
    for (let i = 1; i < items.length; i++)
      expect(items[i - 1]!.score).toBeGreaterThanOrEqual(items[i]!.score);
  });

  it('puts an exact name first, needs every term, and honours the limit', () => {
    expect(views.search.search('gross margin', 5).items[0]?.id).toBe('gross-margin');
    const both = views.search.search('gross margin', 100).items;
    expect(both.every((h) => /gross/i.test(`${h.name} ${h.description} ${h.tags}`))).toBe(true);
    expect(views.search.search('margin', 2).items).toHaveLength(2);
    expect(views.search.search('   ', 5).total).toBe(0);
    expect(views.search.search('zzzqqq', 5).total).toBe(0);
  });
});

describe('current catalog', () => {
  it('builds views once per version, rechecks in the background, reloads at once when invalidated', async () => {
    let version = catalog.catalogVersion;
    let reads = 0;
    let clock = 0;
    const current = new CurrentCatalog(
      {
        currentPointer: async () => ({
          id: 'pointer:current',
          tenantId: '_global',
          kind: 'pointer',
          catalogVersion: version,
          kpiCount: 1,
          importedAt: '2026-01-01T00:00:00Z',
        }),
        overrides: async () => [],
        read: async (v) => {
          reads++;
          return { ...catalog, catalogVersion: v };
        },
      },
      () => clock,
    );
    const a = await current.views();
    expect(await current.views()).toBe(a);
    version = 'next';
    clock += 1_000;
    expect((await current.views()).catalogVersion).toBe(catalog.catalogVersion);
    clock += 10_000;
    // Served from memory while the due recheck runs in the background; the next request sees its result.
    expect((await current.views()).catalogVersion).toBe(catalog.catalogVersion);
    await new Promise((r) => setTimeout(r, 10));
    expect((await current.views()).catalogVersion).toBe('next');
    expect(reads).toBe(2);
    // After a change made here, the next request waits for the reload.
    version = 'third';
    current.invalidate();
    expect((await current.views()).catalogVersion).toBe('third');
  });

  it('404s before the first import', async () => {
    const current = new CurrentCatalog({
      currentPointer: async () => undefined,
      read: async () => catalog,
      overrides: async () => [],
    });
    await expect(current.views()).rejects.toMatchObject({ code: 'CATALOG.NOT_SEEDED' });
  });
});

describe('global KPI overrides', () => {
  const override = (name: string) => ({
    id: 'override:kpi:otif-rate',
    tenantId: '_global' as const,
    kind: 'override' as const,
    kpiId: 'otif-rate',
    definition: { name, target: 90 },
    updatedBy: 'ada@vendor.example',
    updatedAt: '2026-11-26T12:00:00Z',
  });

  it('replace the definition fields of the KPI under an effective version that follows the content', () => {
    const a = applyOverrides(catalog, [override('OTIF (edited)')]);
    expect(a.catalogVersion).toMatch(
      new RegExp(`^${catalog.catalogVersion.replace(/[.+]/g, '\\$&')}\\+[0-9a-f]{8}$`),
    );
    expect(a.kpis.find((k) => k.id === 'otif-rate')).toMatchObject({ name: 'OTIF (edited)', target: 90 });
    expect(a.kpis.find((k) => k.id === 'gross-margin')).toBe(
      catalog.kpis.find((k) => k.id === 'gross-margin'),
    );
    expect(applyOverrides(catalog, [override('other')]).catalogVersion).not.toBe(a.catalogVersion);
    expect(applyOverrides(catalog, [])).toBe(catalog);
  });
});

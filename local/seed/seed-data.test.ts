import { configurationSchema, dataSourceSchema, tenantSchema } from '@kpi/shared/contracts/demo-config';
import { loadCatalogWithIndex } from '@kpi/shared/domain/catalog/load-catalog';
import { describe, expect, it } from 'vitest';
import { sampleConfiguration, sampleDataSource, seedTenants } from './seed-data';

describe('seed data', () => {
  const { catalog, index } = loadCatalogWithIndex();

  it('parses with the demo-config schemas, unchanged', () => {
    for (const t of seedTenants) expect(tenantSchema.parse(t)).toEqual(t);
    const cfg = sampleConfiguration(catalog.catalogVersion, ['availability']);
    expect(configurationSchema.parse(cfg)).toEqual(cfg);
    expect(dataSourceSchema.parse(sampleDataSource)).toEqual(sampleDataSource);
  });

  it('names industries, objects and fields the catalog has', () => {
    for (const t of seedTenants) expect(index.industries.has(t.industryId)).toBe(true);
    for (const o of sampleDataSource.objects) {
      const fields = new Set(index.objects.get(o.name)?.fields.map((f) => f.name));
      expect(o.fields.filter((f) => !fields.has(f.name))).toEqual([]);
    }
    expect(sampleDataSource.configurationId).toBe(sampleConfiguration(catalog.catalogVersion, []).id);
  });
});

import type { Catalog } from '@kpi/shared/domain/catalog/types';
import { describe, expect, it } from 'vitest';
import { catalogTree } from './catalog-tree';

const kpi = (id: string, name: string) => ({ id, name }) as Catalog['kpis'][number];

/** Two industries sharing one KPI (`otd`) through two use cases. */
const catalog = {
  catalogVersion: 't1',
  industries: [
    { id: 'mfg', name: 'Manufacturing', description: '' },
    { id: 'ret', name: 'Retail', description: '' },
  ],
  stages: [
    { id: 'mfg-deliver', industryId: 'mfg', name: 'Deliver', description: '', order: 1 },
    { id: 'mfg-make', industryId: 'mfg', name: 'Make', description: '', order: 0 },
    { id: 'ret-fulfil', industryId: 'ret', name: 'Fulfil', description: '', order: 0 },
  ],
  useCases: [
    { id: 'uc-oee', stageId: 'mfg-make', name: 'Equipment effectiveness', description: '', kpiIds: ['oee', 'scrap'] },
    { id: 'uc-otd', stageId: 'mfg-deliver', name: 'Delivery reliability', description: '', kpiIds: ['otd'] },
    { id: 'uc-ret', stageId: 'ret-fulfil', name: 'Order fulfilment', description: '', kpiIds: ['otd', 'fill'] },
  ],
  kpis: [kpi('oee', 'Overall equipment effectiveness'), kpi('scrap', 'Scrap rate'), kpi('otd', 'On-time delivery'), kpi('fill', 'Fill rate')],
  objects: [],
} as unknown as Catalog;

describe('catalogTree', () => {
  it('nests industry → value chain (in order) → use case → KPI with distinct counts', () => {
    const tree = catalogTree(catalog, {});
    expect(tree.kpiCount).toBe(4); // otd is shared, counted once
    const [mfg, ret] = tree.industries;
    expect(mfg?.count).toBe(3);
    expect(mfg?.children?.map((s) => s.name)).toEqual(['Make', 'Deliver']);
    expect(ret?.children?.[0]?.children?.[0]?.children?.map((k) => k.id)).toEqual(['otd', 'fill']);
  });

  it('keeps only the asked industry', () => {
    const tree = catalogTree(catalog, { industry: 'ret' });
    expect(tree.industries.map((i) => i.id)).toEqual(['ret']);
    expect(tree.kpiCount).toBe(2);
  });

  it('search keeps matching KPIs and whole branches under a matching node', () => {
    const byKpi = catalogTree(catalog, { search: 'SCRAP' });
    expect(byKpi.kpiCount).toBe(1);
    expect(byKpi.industries[0]?.children?.[0]?.children?.[0]?.children?.map((k) => k.id)).toEqual(['scrap']);
    const byStage = catalogTree(catalog, { search: 'fulfil' });
    expect(byStage.industries.map((i) => i.id)).toEqual(['ret']);
    expect(byStage.kpiCount).toBe(2);
    expect(catalogTree(catalog, { search: 'nothing like this' }).industries).toEqual([]);
  });
});

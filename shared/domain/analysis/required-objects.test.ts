import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index';
import { FormulaEngine } from '../formula/index';
import { analyseRequiredObjects, type ProvidingSource } from './required-objects';

const catalog = loadCatalog();
const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
const requirementsOf = (id: string) => engine.requirementsOf(id);

const source = (id: string, objects: Record<string, string[]>): ProvidingSource => ({
  id,
  name: id,
  objects: Object.entries(objects).map(([name, fields]) => ({
    name,
    fields: fields.map((f) => ({ name: f })),
  })),
});

describe('required-objects analysis', () => {
  it('blocks every KPI when nothing is declared, and lists whole-object gaps', () => {
    const a = analyseRequiredObjects(['gross-margin', 'otif-rate'], requirementsOf, []);
    expect(a.kpis.map((k) => [k.kpiId, k.status])).toEqual([
      ['gross-margin', 'blocked'],
      ['otif-rate', 'blocked'],
    ]);
    expect(a.gaps).toEqual([
      { object: 'SalesOrderLine', kpis: ['gross-margin'] },
      { object: 'Shipment', kpis: ['otif-rate'] },
    ]);
    expect(a.summary).toMatchObject({
      ready: 0,
      partial: 0,
      blocked: 2,
      providedFields: 0,
      requiredFields: 7,
    });
    expect(a.summary.fieldCoveragePercent).toBe(0);
  });

  it('names missing fields of provided objects (partial) and marks complete KPIs ready', () => {
    const erp = source('erp', { SalesOrderLine: ['netAmount', 'costAmount', 'orderedAt'] });
    const tms = source('tms', { Shipment: ['deliveredAt', 'promisedAt', 'shippedAt'] });
    const a = analyseRequiredObjects(['gross-margin', 'otif-rate'], requirementsOf, [erp, tms]);
    const byId = Object.fromEntries(a.kpis.map((k) => [k.kpiId, k]));
    expect(byId['gross-margin']).toMatchObject({ status: 'ready', missing: [] });
    expect(byId['otif-rate']).toMatchObject({
      status: 'partial',
      missing: [{ object: 'Shipment', field: 'isInFull' }],
      missingObjects: [],
    });
    expect(a.gaps).toEqual([{ object: 'Shipment', field: 'isInFull', kpis: ['otif-rate'] }]);
    const shipment = a.objects.find((o) => o.name === 'Shipment');
    expect(shipment).toMatchObject({
      providedFields: 3,
      requiredFields: 4,
      bySource: [{ sourceId: 'tms', fields: 3 }],
    });
    expect(a.summary.fieldCoveragePercent).toBe(85.7);
  });

  it('unions requirements across KPIs, including KPIs referenced with kpi()', () => {
    const a = analyseRequiredObjects(['oee', 'availability'], requirementsOf, []);
    const workOrder = a.objects.find((o) => o.name === 'WorkOrder');
    expect(workOrder?.kpis).toEqual(['oee', 'availability']);
    expect(workOrder?.fields.find((f) => f.name === 'runMinutes')?.kpis).toEqual(['oee', 'availability']);
    expect(workOrder?.fields.find((f) => f.name === 'goodQuantity')?.kpis).toEqual(['oee']);
  });

  it('covers a relationship only when both join keys are provided, across sources', () => {
    const lines = source('erp', { SalesOrderLine: ['netAmount', 'orderedAt', 'productId', 'quantity'] });
    const before = analyseRequiredObjects(['price-realisation'], requirementsOf, [lines]);
    expect(before.relationships).toMatchObject([{ from: 'SalesOrderLine', name: 'product', covered: false }]);
    expect(before.kpis[0]?.status).toBe('blocked');
    expect(before.kpis[0]?.missingObjects).toEqual(['Product']);
    const pim = source('pim', { Product: ['id', 'listPrice'] });
    const after = analyseRequiredObjects(['price-realisation'], requirementsOf, [lines, pim]);
    expect(after.relationships[0]?.covered).toBe(true);
    expect(after.kpis[0]?.status).toBe('ready');
    expect(after.objects.find((o) => o.name === 'Product')?.providedBy).toEqual(['pim']);
  });

  it('reports an unknown KPI as blocked with its problem, and nothing required as full coverage', () => {
    const a = analyseRequiredObjects(['no-such-kpi'], requirementsOf, []);
    expect(a.kpis).toEqual([
      { kpiId: 'no-such-kpi', status: 'blocked', missing: [], missingObjects: [], problem: 'unknown-kpi' },
    ]);
    expect(analyseRequiredObjects([], requirementsOf, []).summary.fieldCoveragePercent).toBe(100);
  });

  it('counts a field provided by two sources once, naming both', () => {
    const a = analyseRequiredObjects(['gross-margin'], requirementsOf, [
      source('a', { SalesOrderLine: ['netAmount'] }),
      source('b', { SalesOrderLine: ['netAmount', 'costAmount', 'orderedAt'] }),
    ]);
    const line = a.objects[0];
    expect(line?.fields.find((f) => f.name === 'netAmount')?.providedBy).toEqual(['a', 'b']);
    expect(line?.providedFields).toBe(3);
    expect(line?.bySource).toEqual([
      { sourceId: 'a', fields: 1 },
      { sourceId: 'b', fields: 3 },
    ]);
  });
});

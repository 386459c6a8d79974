import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog';
import { FormulaEngine } from '../formula/engine';
import { completenessChange, mappingCompleteness } from './completeness';

const catalog = loadCatalog();
const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
const requirementsOf = (id: string) => engine.requirementsOf(id);
const entitled = ['otif-rate', 'gross-margin', 'no-such-kpi'];

describe('KPI completeness of the drafted mappings', () => {
  it('blocked without mappings, partial with fields missing, ready once every field is mapped', () => {
    const none = mappingCompleteness(entitled, requirementsOf, []);
    expect(none.kpis.map((k) => [k.kpiId, k.status])).toEqual([
      ['otif-rate', 'blocked'],
      ['gross-margin', 'blocked'],
      ['no-such-kpi', 'blocked'],
    ]);
    expect(none.kpis[0]?.missingObjects).toEqual(['Shipment']);
    expect(none.kpis[2]?.problem).toBe('unknown-kpi');

    const shipments = {
      sourceId: 'tms',
      object: 'Shipment',
      fields: { id: {}, shippedAt: {}, promisedAt: {}, deliveredAt: {} },
    };
    const partial = mappingCompleteness(entitled, requirementsOf, [shipments]);
    expect(partial.kpis[0]).toEqual({
      kpiId: 'otif-rate',
      status: 'partial',
      missingObjects: [],
      missingFields: [{ object: 'Shipment', field: 'isInFull' }],
    });

    // The drop of in_full onto isInFull (from a second source, even) is what makes OTIF ready.
    const ready = mappingCompleteness(entitled, requirementsOf, [
      shipments,
      { sourceId: 'wms', object: 'Shipment', fields: ['isInFull'] },
    ]);
    expect(ready.kpis[0]?.status).toBe('ready');
    expect(ready.summary).toEqual({ ready: 1, partial: 0, blocked: 2 });
    expect(completenessChange(partial, ready)).toEqual([
      { kpiId: 'otif-rate', from: 'partial', to: 'ready' },
    ]);
    expect(completenessChange(ready, ready)).toEqual([]);
  });
});

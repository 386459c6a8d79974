import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog';
import { FormulaEngine } from './engine';
import { mergeRequirements } from './requirements';

const engine = new FormulaEngine(loadCatalog().objects);

describe('requirements derived from a formula', () => {
  it('lists objects, fields with their usage, and the joins navigated', () => {
    const r = engine.check(
      "sum(SalesOrderLine.netAmount where order.customer.segment = 'enterprise') / count(Shipment where deliveredAt <= promisedAt)",
    ).requirements!;
    expect(r.objects).toEqual([
      {
        name: 'Customer',
        fields: [
          { name: 'id', type: 'string', usages: ['join'] },
          { name: 'segment', type: 'enum', usages: ['filter'] },
        ],
      },
      {
        name: 'SalesOrder',
        fields: [
          { name: 'customerId', type: 'string', usages: ['join'] },
          { name: 'id', type: 'string', usages: ['join'] },
        ],
      },
      {
        name: 'SalesOrderLine',
        fields: [
          { name: 'netAmount', type: 'money', usages: ['value'] },
          { name: 'orderId', type: 'string', usages: ['join'] },
          { name: 'orderedAt', type: 'datetime', usages: ['period'] },
        ],
      },
      {
        name: 'Shipment',
        fields: [
          { name: 'deliveredAt', type: 'datetime', usages: ['filter'] },
          { name: 'promisedAt', type: 'datetime', usages: ['filter'] },
          { name: 'shippedAt', type: 'datetime', usages: ['period'] },
        ],
      },
    ]);
    expect(
      r.relationships.map((x) => `${x.from}.${x.name}->${x.to} ${x.cardinality}/${x.inverseCardinality}`),
    ).toEqual(['SalesOrder.customer->Customer 1..1/0..*', 'SalesOrderLine.order->SalesOrder 1..1/1..*']);
    expect(r.kpis).toEqual([]);
  });

  it('needs no time field for master data and merges requirement sets', () => {
    const a = engine.check('count(Customer where isActive)').requirements!;
    expect(a.objects).toEqual([
      { name: 'Customer', fields: [{ name: 'isActive', type: 'boolean', usages: ['filter'] }] },
    ]);
    const b = engine.check('sum(Customer.creditLimit)').requirements!;
    expect(mergeRequirements([a, b]).objects[0]!.fields.map((f) => f.name)).toEqual([
      'creditLimit',
      'isActive',
    ]);
  });
});

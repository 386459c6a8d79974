import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { describe, expect, it } from 'vitest';
import {
  kpisByObject,
  modelFromGraph,
  modelFromObjects,
  needsByKpi,
  type ObjectGraph,
} from './diagram-model';

const graph: ObjectGraph = {
  catalogVersion: 'v1',
  kpis: ['otif', 'aov'],
  objects: [
    {
      name: 'SalesOrder',
      label: 'Sales order',
      area: 'commercial',
      description: '',
      primaryKey: ['id'],
      fields: [
        { name: 'id', type: 'string', required: true, key: 'primary', usages: ['key'], kpis: [] },
        { name: 'total', type: 'money', required: true, usages: ['measure'], kpis: ['aov'] },
      ],
      kpis: ['aov', 'otif'],
    },
    {
      name: 'Shipment',
      label: 'Shipment',
      area: 'logistics',
      description: '',
      primaryKey: ['id'],
      fields: [
        { name: 'id', type: 'string', required: true, key: 'primary', usages: ['key'], kpis: [] },
        { name: 'orderId', type: 'string', required: true, key: 'foreign', usages: ['join'], kpis: ['otif'] },
        { name: 'deliveredAt', type: 'datetime', required: false, usages: ['filter'], kpis: ['otif'] },
      ],
      kpis: ['otif'],
    },
  ],
  relationships: [
    {
      from: 'Shipment',
      name: 'order',
      to: 'SalesOrder',
      foreignKey: 'orderId',
      targetKey: 'id',
      cardinality: '1..1',
      inverseCardinality: '0..*',
      kpis: ['otif'],
    },
    {
      from: 'Shipment',
      name: 'carrier',
      to: 'Carrier',
      foreignKey: 'carrierId',
      targetKey: 'id',
      cardinality: '0..1',
      inverseCardinality: '0..*',
      kpis: ['otif'],
    },
  ],
};

describe('modelFromGraph', () => {
  it('keeps the classes with their fields and the associations between drawn classes', () => {
    const model = modelFromGraph(graph);
    expect(model.classes.map((c) => c.name)).toEqual(['SalesOrder', 'Shipment']);
    expect(model.classes[1]?.fields).toEqual([
      { name: 'id', type: 'string', required: true, key: 'primary' },
      { name: 'orderId', type: 'string', required: true, key: 'foreign' },
      { name: 'deliveredAt', type: 'datetime', required: false },
    ]);
    // Carrier is not in the graph: that association cannot be drawn.
    expect(model.relationships.map((r) => r.id)).toEqual(['Shipment.order']);
  });

  it('adds the other associations between its classes from the whole model, as context', () => {
    const relationship = (name: string, target: string, foreignKey: string) => ({
      name,
      target,
      foreignKey,
      targetKey: 'id',
      cardinality: '1..1' as const,
      inverseCardinality: '0..*' as const,
      description: '',
    });
    const object = (name: string, relationships: ReturnType<typeof relationship>[]) => ({
      name,
      label: name,
      description: '',
      area: 'commercial',
      primaryKey: ['id'],
      fields: [
        { name: 'id', type: 'string' as const, description: '', required: true, key: 'primary' as const },
      ],
      relationships,
    });
    const whole = {
      catalogVersion: 'v1',
      objects: [
        object('SalesOrder', [relationship('customer', 'Customer', 'customerId')]),
        object('Shipment', [
          relationship('order', 'SalesOrder', 'orderId'),
          relationship('returnOf', 'SalesOrder', 'returnOrderId'),
        ]),
      ],
    };
    const model = modelFromGraph(graph, whole);
    expect(model.relationships.map((r) => [r.id, r.context ?? false])).toEqual([
      ['Shipment.order', false],
      ['Shipment.returnOf', true],
    ]);
  });
});

describe('needsByKpi', () => {
  it('lists per KPI the objects, fields and associations it needs', () => {
    const needs = needsByKpi(graph);
    expect([...(needs.get('otif')?.objects ?? [])].sort()).toEqual(['SalesOrder', 'Shipment']);
    expect([...(needs.get('otif')?.fields ?? [])].sort()).toEqual([
      'Shipment.deliveredAt',
      'Shipment.orderId',
    ]);
    expect([...(needs.get('otif')?.relationships ?? [])].sort()).toEqual([
      'Shipment.carrier',
      'Shipment.order',
    ]);
    expect([...(needs.get('aov')?.fields ?? [])]).toEqual(['SalesOrder.total']);
    expect(needs.get('aov')?.relationships.size).toBe(0);
  });

  it('knows which KPIs need each object', () => {
    expect(kpisByObject(graph).get('SalesOrder')).toEqual(['aov', 'otif']);
  });
});

describe('modelFromObjects', () => {
  it('draws the whole catalog model: every object, field and association', () => {
    const catalog = loadCatalog();
    const model = modelFromObjects({ catalogVersion: catalog.catalogVersion, objects: [...catalog.objects] });
    expect(model.classes).toHaveLength(catalog.objects.length);
    const fields = catalog.objects.reduce((n, o) => n + o.fields.length, 0);
    expect(model.classes.reduce((n, c) => n + c.fields.length, 0)).toBe(fields);
    const associations = catalog.objects.reduce((n, o) => n + o.relationships.length, 0);
    expect(model.relationships).toHaveLength(associations);
    expect(new Set(model.relationships.map((r) => r.id)).size).toBe(associations);
  });
});

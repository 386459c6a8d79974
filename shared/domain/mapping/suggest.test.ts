import type { SourceColumn } from '@kpi/shared/contracts/mapping';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog';
import type { DataObject } from '../catalog/types';
import { bestMatchingObject, matchColumns, suggestFields, suggestForObjects } from './suggest';

const objects = loadCatalog().objects;
const object = (name: string) => objects.find((o) => o.name === name) as DataObject;

/** An ERP order-line export as a client would upload it: SAP-ish upper-case names, European dates. */
const erpLines: SourceColumn[] = [
  { name: 'ORDER_LINE_NO', samples: ['100010', '100020'] },
  { name: 'ORDER_NO', samples: ['1000', '1000'] },
  { name: 'MATERIAL', samples: ['M-4711', 'M-0815'] },
  { name: 'ORDER_DATE', samples: ['01.03.2026 08:15', '02.03.2026 17:40'] },
  { name: 'QTY', samples: ['3', '12'] },
  { name: 'SHIPPED_QTY', samples: ['3', '10'] },
  { name: 'NET_VALUE', samples: ['120.50', '88.00'] },
  { name: 'DISC_AMT', samples: ['0.00', '4.50'] },
  { name: 'BACKORDER_FLAG', samples: ['N', 'Y'] },
  { name: 'CREATED_BY', samples: ['jdoe', 'asmith'] },
];

describe('suggestions', () => {
  it('ranks columns for each field by name, type and sample patterns, with reasons', () => {
    const s = new Map(suggestFields(object('SalesOrderLine'), erpLines).map((f) => [f.field, f.candidates]));
    const top = (field: string) => s.get(field)?.[0]?.column;
    expect(top('id')).toBe('ORDER_LINE_NO');
    expect(top('orderId')).toBe('ORDER_NO');
    expect(top('productId')).toBe('MATERIAL');
    expect(top('quantity')).toBe('QTY');
    expect(top('shippedQuantity')).toBe('SHIPPED_QTY');
    expect(top('discountAmount')).toBe('DISC_AMT');
    expect(top('isBackordered')).toBe('BACKORDER_FLAG');
    // The date column comes with the transform its samples need.
    expect(s.get('orderedAt')?.[0]).toMatchObject({
      column: 'ORDER_DATE',
      source: { transform: { kind: 'date', column: 'ORDER_DATE', format: 'dd.MM.yyyy HH:mm' } },
      reasons: expect.arrayContaining(['samples are dates (dd.MM.yyyy HH:mm)']),
    });
    for (const candidates of s.values()) {
      for (let i = 1; i < candidates.length; i++)
        expect(candidates[i - 1]!.score).toBeGreaterThanOrEqual(candidates[i]!.score);
    }
  });

  it('an enum field finds the column whose samples are its values, whatever its name', () => {
    const cols: SourceColumn[] = [
      { name: 'TRANSPORT', samples: ['Road', 'rail', 'AIR'] },
      { name: 'REMARK', samples: ['fragile', 'call first'] },
    ];
    const [mode] = suggestFields(object('Shipment'), cols).filter((f) => f.field === 'mode');
    expect(mode?.candidates[0]).toMatchObject({
      column: 'TRANSPORT',
      reasons: expect.arrayContaining(['sample values are its enum values']),
    });
    expect(mode?.candidates.map((c) => c.column)).not.toContain('REMARK');
  });

  it('a type that does not fit lowers a name match, and says so', () => {
    const [a] = suggestFields(object('Shipment'), [{ name: 'shippedAt', type: 'boolean' }]).filter(
      (f) => f.field === 'shippedAt',
    );
    expect(a?.candidates[0]?.score).toBeLessThan(0.85);
    expect(a?.candidates[0]?.reasons).toContain('boolean does not fit datetime');
  });

  it('matches columns one-to-one, best pairs first, and finds the best object', () => {
    const m = matchColumns(object('SalesOrderLine'), erpLines);
    expect(m.map((x) => `${x.column}→${x.field}`)).toEqual([
      'ORDER_LINE_NO→id',
      'ORDER_NO→orderId',
      'MATERIAL→productId',
      'ORDER_DATE→orderedAt',
      'QTY→quantity',
      'SHIPPED_QTY→shippedQuantity',
      'NET_VALUE→netAmount',
      'DISC_AMT→discountAmount',
    ]);
    // Suggested first, but not confident enough to be taken without asking (below SUGGESTION_CONFIDENT).
    expect(m.map((x) => x.column)).not.toContain('BACKORDER_FLAG');
    expect(bestMatchingObject(objects, erpLines)?.object.name).toBe('SalesOrderLine');
    expect(bestMatchingObject(objects, [{ name: 'colour' }, { name: 'mood' }])).toBeUndefined();
  });

  it('suggests for every object at once from one profile of the columns', () => {
    const all = suggestForObjects(objects, erpLines);
    expect(all.size).toBe(objects.length);
    expect(all.get('SalesOrderLine')?.find((f) => f.field === 'quantity')?.candidates[0]?.column).toBe('QTY');
  });
});

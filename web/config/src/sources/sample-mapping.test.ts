import type { InferSampleResponse } from '@kpi/shared/contracts/demo-config';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { describe, expect, it } from 'vitest';
import { acceptMapping, mappingProblems, mappingRows, suggestedMapping, typeFit } from './sample-mapping';

const workOrder = {
  name: 'WorkOrder',
  label: 'Work order',
  description: '',
  area: 'production',
  primaryKey: ['id'],
  relationships: [],
  fields: [
    { name: 'id', type: 'string', description: '', required: true },
    { name: 'plannedQuantity', type: 'decimal', description: '', required: true },
    { name: 'goodQuantity', type: 'decimal', description: '', required: true },
    { name: 'actualEnd', type: 'datetime', description: '', required: false },
    { name: 'status', type: 'enum', description: '', required: true, values: ['open', 'closed'] },
  ],
} satisfies DataObject;

const response: InferSampleResponse = {
  fileName: 'orders.csv',
  format: 'csv',
  delimiter: ',',
  rowCount: 3,
  columns: [
    { name: 'WorkOrderId', type: 'string', nullable: false, filled: 3 },
    { name: 'planned_quantity', type: 'integer', nullable: false, filled: 3 },
    { name: 'good', type: 'string', nullable: true, filled: 2 },
    { name: 'actual_end', type: 'date', nullable: false, filled: 3 },
    { name: 'comment', type: 'string', nullable: true, filled: 1 },
  ],
  preview: [],
  suggestion: {
    object: 'WorkOrder',
    fields: [
      { column: 'WorkOrderId', field: 'id' },
      { column: 'planned_quantity', field: 'plannedQuantity' },
      { column: 'actual_end', field: 'actualEnd' },
    ],
    unmatchedColumns: ['good', 'comment'],
  },
};

describe('typeFit', () => {
  it('tells exact, compatible and differing types apart', () => {
    expect(typeFit('decimal', 'money')).toBe('exact');
    expect(typeFit('integer', 'decimal')).toBe('compatible');
    expect(typeFit('date', 'datetime')).toBe('compatible');
    expect(typeFit('string', 'decimal')).toBe('mismatch');
    expect(typeFit('decimal', 'integer')).toBe('mismatch');
    expect(typeFit('integer', 'string')).toBe('compatible');
    expect(typeFit('string', undefined)).toBe('unmapped');
  });
});

describe('mappingRows', () => {
  it('shows the suggestion with the inferred and catalog types', () => {
    const rows = mappingRows(response, workOrder, suggestedMapping(response));
    expect(rows.map((r) => [r.column, r.field, r.fieldType, r.fit, r.suggested])).toEqual([
      ['WorkOrderId', 'id', 'string', 'exact', true],
      ['planned_quantity', 'plannedQuantity', 'decimal', 'compatible', true],
      ['good', undefined, undefined, 'unmapped', false],
      ['actual_end', 'actualEnd', 'datetime', 'compatible', true],
      ['comment', undefined, undefined, 'unmapped', false],
    ]);
    expect(mappingProblems(rows)).toEqual([]);
  });

  it('marks changed mappings as not suggested, a string column for a number as differing, duplicates as problems', () => {
    const mapping = { ...suggestedMapping(response), good: 'goodQuantity', comment: 'id' };
    const rows = mappingRows(response, workOrder, mapping);
    const good = rows.find((r) => r.column === 'good')!;
    expect([good.field, good.fit, good.suggested]).toEqual(['goodQuantity', 'mismatch', false]);
    expect(rows.filter((r) => r.duplicate).map((r) => r.column)).toEqual(['WorkOrderId', 'comment']);
    expect(mappingProblems(rows)).toEqual(['Several columns are mapped to id: keep one.']);
  });

  it('ignores fields the chosen object does not have, and needs at least one mapped column', () => {
    const rows = mappingRows(response, workOrder, { comment: 'noSuchField' });
    expect(rows.every((r) => r.field === undefined)).toBe(true);
    expect(mappingProblems(rows)).toEqual(['Map at least one column to a field.']);
  });
});

describe('acceptMapping', () => {
  it('adds the mapped fields with their source column and inferred type, keeping other objects and fields', () => {
    const before = { WorkOrder: { status: {} }, Plant: { id: {} } };
    const rows = mappingRows(response, workOrder, suggestedMapping(response));
    expect(acceptMapping(before, 'WorkOrder', rows)).toEqual({
      Plant: { id: {} },
      WorkOrder: {
        status: {},
        id: { sourceColumn: 'WorkOrderId', type: 'string' },
        plannedQuantity: { sourceColumn: 'planned_quantity', type: 'integer' },
        actualEnd: { sourceColumn: 'actual_end', type: 'date' },
      },
    });
  });
});

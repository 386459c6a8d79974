/**
 * Test data builders for mapping tests and benchmarks: a small object with every field type, and mappings
 * over it. Not used by production code.
 */
import type { FieldSource, Mapping } from '@kpi/shared/contracts/mapping';
import { defineObjects } from '../catalog/object-dsl';
import type { DataObject } from '../catalog/types';

/** A meter reading with one field of every type; `id` is the key, `readAt` the time field. */
export const READING: DataObject = defineObjects('test', {
  Reading: {
    label: 'Reading',
    description: 'A meter reading (test object).',
    time: 'readAt',
    fields: [
      'id:string! Reading id',
      'readAt:datetime When it was read',
      'day:date? Business day',
      'units:integer? Units',
      'weightKg:decimal? Weight',
      'price:money? Price',
      'isValid:boolean? Valid',
      'status:enum(open|closed|void)? Status',
      'label:string? Label',
      'customerId:string>? Customer',
    ],
  },
})[0] as DataObject;

export const MappingMother = {
  draft(fields: Record<string, FieldSource>, object = 'Reading'): Mapping {
    return {
      id: 'm1',
      sourceId: 'erp',
      stream: 'readings',
      object,
      version: 1,
      status: 'draft',
      fields,
      createdBy: 'ada@client.example',
      createdAt: '2026-12-01T10:00:00.000Z',
    };
  },
};

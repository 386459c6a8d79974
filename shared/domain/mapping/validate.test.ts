import type { SourceColumn } from '@kpi/shared/contracts/mapping';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog';
import { MappingMother, READING } from './mapping-mother';
import { isPublishable, validateMapping } from './validate';

const columns: SourceColumn[] = [
  { name: 'READING_NO', type: 'string' },
  { name: 'READ_TS', type: 'datetime' },
  { name: 'QTY', type: 'decimal' },
  { name: 'FLAG', type: 'boolean' },
  { name: 'STAT', type: 'string', samples: ['open', 'Closed', 'pending', 'O'] },
  { name: 'EPOCH', type: 'integer' },
];
const codes = (issues: { field: string; code: string; severity: string }[]) =>
  issues.map((i) => `${i.severity} ${i.field} ${i.code}`);

describe('mapping validation', () => {
  it('a complete, type-correct mapping has no errors and can be published', () => {
    const m = MappingMother.draft({
      id: { column: 'READING_NO' },
      readAt: { column: 'READ_TS' },
      isValid: { column: 'FLAG' },
      weightKg: { column: 'QTY' },
      status: {
        transform: {
          kind: 'enum',
          column: 'STAT',
          values: { open: 'open', Closed: 'closed', pending: 'open', O: 'open' },
        },
      },
    });
    const issues = validateMapping(m, READING, { columns });
    expect(issues).toEqual([]);
    expect(isPublishable(issues)).toBe(true);
  });

  it('reports the unmapped key and time field', () => {
    const issues = validateMapping(MappingMother.draft({ units: { column: 'QTY' } }), READING);
    expect(codes(issues)).toEqual(['error id MAPPING.KEY_UNMAPPED', 'error readAt MAPPING.TIME_UNMAPPED']);
    expect(isPublishable(issues)).toBe(false);
  });

  it('reports unknown columns and fields, incompatible types and uncovered enum values, each with its field', () => {
    const m = MappingMother.draft({
      id: { column: 'READING_NO' },
      readAt: { column: 'EPOCH' },
      units: { column: 'QTY' },
      day: { column: 'FLAG' },
      label: { column: 'NOPE' },
      colour: { column: 'STAT' },
      status: { column: 'STAT' },
      price: { transform: { kind: 'unit', column: 'READ_TS', factor: 0.01 } },
    });
    const issues = validateMapping(m, READING, { columns });
    expect(codes(issues)).toEqual([
      'error colour MAPPING.FIELD_UNKNOWN',
      'error readAt MAPPING.TYPE_INCOMPATIBLE',
      'error day MAPPING.TYPE_INCOMPATIBLE',
      'error units MAPPING.TYPE_INCOMPATIBLE',
      'error price MAPPING.TYPE_INCOMPATIBLE',
      'error status MAPPING.ENUM_UNCOVERED',
      'error label MAPPING.COLUMN_UNKNOWN',
    ]);
    expect(issues.find((i) => i.field === 'readAt')?.message).toMatch(/epoch-s or epoch-ms/);
    expect(issues.find((i) => i.field === 'status')?.message).toMatch(/"pending", "O"$/);
  });

  it('an enum map must cover the sample values (unless it has a default) and target real values', () => {
    const partial = MappingMother.draft({
      id: { column: 'READING_NO' },
      readAt: { column: 'READ_TS' },
      status: {
        transform: {
          kind: 'enum',
          column: 'STAT',
          values: { open: 'open', closed: 'closed' },
          caseInsensitive: true,
        },
      },
    });
    expect(codes(validateMapping(partial, READING, { columns }))).toEqual([
      'error status MAPPING.ENUM_UNCOVERED',
    ]);
    const withDefault = MappingMother.draft({
      ...partial.fields,
      status: { transform: { kind: 'enum', column: 'STAT', values: { open: 'open' }, default: 'void' } },
    });
    expect(validateMapping(withDefault, READING, { columns })).toEqual([]);
    const wrongTarget = MappingMother.draft({
      ...partial.fields,
      status: { transform: { kind: 'enum', column: 'STAT', values: { open: 'opened' }, default: 'void' } },
    });
    expect(codes(validateMapping(wrongTarget, READING, { columns }))).toEqual([
      'error status MAPPING.ENUM_VALUE_UNKNOWN',
    ]);
  });

  it('checks lookup targets against the catalog and warns about unmapped required fields', () => {
    const catalog = loadCatalog();
    const objects = new Map(catalog.objects.map((o) => [o.name, o]));
    const shipment = objects.get('Shipment');
    if (!shipment) throw new Error('Shipment missing');
    const m = MappingMother.draft(
      {
        id: { column: 'id' },
        shippedAt: { column: 'at' },
        customerId: { transform: { kind: 'lookup', column: 'mail', object: 'Client', by: 'email' } },
        carrierId: { transform: { kind: 'lookup', column: 'scac', object: 'Carrier', by: 'colour' } },
      },
      'Shipment',
    );
    const issues = validateMapping(m, shipment, { objects });
    expect(codes(issues.filter((i) => i.severity === 'error'))).toEqual([
      'error customerId MAPPING.LOOKUP_UNKNOWN_OBJECT',
      'error carrierId MAPPING.LOOKUP_UNKNOWN_FIELD',
    ]);
    expect(issues.filter((i) => i.severity === 'warning').map((i) => i.field)).toContain('promisedAt');
    expect(codes(validateMapping(m, READING))).toContain('error * MAPPING.OBJECT_MISMATCH');
  });
});

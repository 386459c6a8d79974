import { mappingSchema, transformSchema } from '@kpi/shared/contracts/mapping';
import { describe, expect, it } from 'vitest';
import { MappingMother } from './mapping-mother';

describe('mapping contract', () => {
  it('accepts every transform kind with its parameters', () => {
    const m = MappingMother.draft({
      id: { column: 'no' },
      readAt: {
        transform: { kind: 'date', column: 'ts', format: 'dd.MM.yyyy HH:mm', timeZone: 'Europe/Berlin' },
      },
      units: {
        transform: {
          kind: 'cast',
          column: 'u',
          numberFormat: { decimalSeparator: ',', thousandsSeparator: '.' },
        },
      },
      weightKg: { transform: { kind: 'unit', column: 'g', factor: 0.001 } },
      status: { transform: { kind: 'enum', column: 's', values: { O: 'open' }, default: 'void' } },
      price: { transform: { kind: 'constant', value: 1 } },
      label: { transform: { kind: 'concat', parts: [{ column: 'a' }, { text: '-' }], separator: '' } },
      day: { transform: { kind: 'coalesce', columns: ['d1', 'd2'] } },
      customerId: { transform: { kind: 'lookup', column: 'mail', object: 'Customer', by: 'email' } },
    });
    expect(mappingSchema.parse(m)).toEqual(m);
  });

  it('rejects code-like or malformed transforms and field names', () => {
    const bad = [
      { kind: 'script', code: 'return 1' },
      { kind: 'unit', column: 'g', factor: Number.POSITIVE_INFINITY },
      { kind: 'cast', column: 'u', numberFormat: { decimalSeparator: ',', thousandsSeparator: ',' } },
      { kind: 'concat', parts: [] },
      { kind: 'lookup', column: 'x', object: 'customer', by: 'email' },
      { kind: 'date', column: 'x', format: 'iso', extra: true },
    ];
    for (const t of bad) expect(transformSchema.safeParse(t).success, JSON.stringify(t)).toBe(false);
    expect(mappingSchema.safeParse(MappingMother.draft({ 'Bad-Name': { column: 'x' } })).success).toBe(false);
  });
});

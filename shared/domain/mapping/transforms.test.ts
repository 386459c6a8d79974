import type { FieldSource, Transform } from '@kpi/shared/contracts/mapping';
import { describe, expect, it } from 'vitest';
import { compileMapping, type MappedRow, MappingInvalidError } from './compile';
import { MappingMother, READING } from './mapping-mother';
import type { LookupKey, SourceRow } from './transforms';

/** Maps `rows` through a mapping of `id` ← column id, `readAt` ← column at (ISO) plus `field` ← `source`. */
function run(field: string, source: FieldSource, rows: SourceRow[], lookupKey?: LookupKey): MappedRow[] {
  const m = compileMapping(
    MappingMother.draft({ id: { column: 'id' }, readAt: { column: 'at' }, [field]: source }),
    READING,
    lookupKey ? { lookupKey } : {},
  );
  return rows.map((r, i) => m.apply({ id: `r${i}`, at: '2026-03-01T10:00:00Z', ...r }, i + 1));
}
const t = (transform: Transform): FieldSource => ({ transform });
const values = (rows: MappedRow[], field: string) =>
  rows.map((r) => ('record' in r ? r.record[field] : r.quarantine.map((q) => q.code).join(',')));

describe('plain columns and casts', () => {
  it('casts text and typed values to each field type, empty text to null', () => {
    const rows = [{ x: '12' }, { x: 7 }, { x: '  ' }, { x: null }, {}];
    expect(values(run('units', { column: 'x' }, rows), 'units')).toEqual([12, 7, null, null, null]);
    expect(values(run('weightKg', { column: 'x' }, [{ x: '1e3' }, { x: '-0.5' }]), 'weightKg')).toEqual([
      1000, -0.5,
    ]);
    expect(values(run('isValid', { column: 'x' }, [{ x: 'Yes' }, { x: 0 }, { x: true }]), 'isValid')).toEqual(
      [true, false, true],
    );
    expect(values(run('status', { column: 'x' }, [{ x: 'OPEN' }, { x: 'closed' }]), 'status')).toEqual([
      'open',
      'closed',
    ]);
    expect(values(run('label', { column: 'x' }, [{ x: 42 }, { x: 'a b' }]), 'label')).toEqual(['42', 'a b']);
    expect(
      values(
        run('day', { column: 'x' }, [{ x: '2026-02-28' }, { x: new Date('2026-02-28T15:00:00Z') }]),
        'day',
      ),
    ).toEqual([Date.UTC(2026, 1, 28), Date.UTC(2026, 1, 28)]);
  });

  it('sends bad values to the quarantine with field, value and reason; nothing throws', () => {
    const bad: [string, unknown, string][] = [
      ['units', 'twelve', 'VALUE.NOT_A_NUMBER'],
      ['units', '1.5', 'VALUE.NOT_AN_INTEGER'],
      ['units', '0x10', 'VALUE.NOT_A_NUMBER'],
      ['units', 'Infinity', 'VALUE.NOT_A_NUMBER'],
      ['units', 9.1e18, 'VALUE.NOT_AN_INTEGER'],
      ['weightKg', { kg: 1 }, 'VALUE.NOT_A_NUMBER'],
      ['weightKg', true, 'VALUE.NOT_A_NUMBER'],
      ['price', '12,50', 'VALUE.NOT_A_NUMBER'],
      ['isValid', 'maybe', 'VALUE.NOT_A_BOOLEAN'],
      ['isValid', 2, 'VALUE.NOT_A_BOOLEAN'],
      ['status', 'pending', 'VALUE.ENUM_UNMAPPED'],
      ['label', { a: 1 }, 'VALUE.NOT_TEXT'],
      ['day', '2026-02-30', 'VALUE.BAD_DATE'],
      ['day', new Date('nope'), 'VALUE.BAD_DATE'],
      ['readAt', '01/03/2026', 'VALUE.BAD_DATE'],
    ];
    for (const [field, value, code] of bad) {
      const [r] =
        field === 'readAt'
          ? compileMappingRows({ id: { column: 'id' }, readAt: { column: 'x' } }, [{ id: 'a', x: value }])
          : run(field, { column: 'x' }, [{ x: value }]);
      expect(r, `${field} ← ${String(value)}`).toEqual({
        quarantine: [expect.objectContaining({ row: 1, field, code, message: expect.any(String) })],
      });
    }
  });

  it('quarantines a row missing a required field, and lists every failing field of the row', () => {
    const [r] = compileMappingRows(
      { id: { column: 'id' }, readAt: { column: 'at' }, units: { column: 'u' }, isValid: { column: 'v' } },
      [{ id: '', at: '2026-03-01', u: 'x', v: 'maybe' }],
    );
    expect(r).toEqual({
      quarantine: [
        {
          row: 1,
          field: 'id',
          value: null,
          code: 'VALUE.REQUIRED_MISSING',
          message: 'id is required but the row has no value for it',
        },
        expect.objectContaining({ field: 'units', value: 'x', code: 'VALUE.NOT_A_NUMBER' }),
        expect.objectContaining({ field: 'isValid', value: 'maybe', code: 'VALUE.NOT_A_BOOLEAN' }),
      ],
    });
  });

  it('truncates a long bad value in the quarantine entry', () => {
    const [r] = run('units', { column: 'x' }, [{ x: 'z'.repeat(10_000) }]);
    const q = r && 'quarantine' in r ? r.quarantine[0] : undefined;
    expect(q?.value).toHaveLength(200);
    expect(q?.message.length).toBeLessThan(200);
  });

  it('reads numbers with a decimal comma and thousands separators', () => {
    const cast = t({
      kind: 'cast',
      column: 'x',
      numberFormat: { decimalSeparator: ',', thousandsSeparator: '.' },
    });
    expect(
      values(run('price', cast, [{ x: '1.234,50' }, { x: '7' }, { x: '1,2,3' }, { x: '1.5.0,1' }]), 'price'),
    ).toEqual([
      1234.5,
      7,
      'VALUE.NOT_A_NUMBER',
      150.1, // thousands separators are dropped wherever they stand
    ]);
  });
});

function compileMappingRows(fields: Record<string, FieldSource>, rows: SourceRow[]): MappedRow[] {
  const m = compileMapping(MappingMother.draft(fields), READING);
  return rows.map((r, i) => m.apply(r, i + 1));
}

describe('date transform', () => {
  const date = (format: string, timeZone?: string, field = 'readAt') =>
    compileMappingRows.bind(null, {
      id: { column: 'id' },
      readAt: { column: 'at' },
      [field]: t({ kind: 'date', column: 'd', format, ...(timeZone ? { timeZone } : {}) }),
    });
  const read = (rows: MappedRow[], field = 'readAt') => values(rows, field);

  it('parses explicit patterns in a time zone, across daylight saving time', () => {
    const rows = date(
      'dd.MM.yyyy HH:mm',
      'Europe/Berlin',
    )([
      { id: 'a', d: '01.03.2026 10:30' },
      { id: 'b', d: '01.07.2026 10:30' },
      { id: 'c', d: '29.03.2026 02:30' }, // skipped by DST in Berlin: read with the earlier offset
    ]);
    expect(read(rows)).toEqual([
      Date.UTC(2026, 2, 1, 9, 30),
      Date.UTC(2026, 6, 1, 8, 30),
      Date.UTC(2026, 2, 29, 1, 30),
    ]);
    expect(read(date('yyyy-MM-dd')([{ id: 'a', d: '2026-03-01' }]))).toEqual([Date.UTC(2026, 2, 1)]);
    expect(
      read(date("d/M/yy 'at' H:mm:ss.SSS", 'America/New_York')([{ id: 'a', d: '5/1/26 at 7:05:09.250' }])),
    ).toEqual([Date.UTC(2026, 0, 5, 12, 5, 9, 250)]);
  });

  it('parses ISO with and without offsets, and epoch seconds/milliseconds', () => {
    const iso = date(
      'iso',
      'Asia/Tokyo',
    )([
      { id: 'a', d: '2026-03-01T10:00:00Z' },
      { id: 'b', d: '2026-03-01T10:00:00+02:00' },
      { id: 'c', d: '2026-03-01 10:00' },
      { id: 'd', d: '2026-03-01T10:00:00.123456' },
    ]);
    expect(read(iso)).toEqual([
      Date.UTC(2026, 2, 1, 10),
      Date.UTC(2026, 2, 1, 8),
      Date.UTC(2026, 2, 1, 1),
      Date.UTC(2026, 2, 1, 1, 0, 0, 123),
    ]);
    expect(
      read(
        date('epoch-s')([
          { id: 'a', d: '1772359200' },
          { id: 'b', d: 1772359200 },
        ]),
      ),
    ).toEqual([1772359200000, 1772359200000]);
    expect(read(date('epoch-ms')([{ id: 'a', d: '1772359200123' }]))).toEqual([1772359200123]);
    // A date field takes the calendar day in the zone.
    expect(
      read(
        date(
          'epoch-s',
          'Asia/Tokyo',
          'day',
        )([{ id: 'a', at: '2026-03-01', d: String(Date.UTC(2026, 2, 1, 20) / 1000) }]),
        'day',
      ),
    ).toEqual([Date.UTC(2026, 2, 2)]);
  });

  it('quarantines every kind of bad date', () => {
    const bad = [
      '32.01.2026 10:00',
      '29.02.2026 10:00',
      '01.13.2026 10:00',
      '01.03.2026 25:00',
      '01.03.2026',
      '1.3.2026 10:00x',
      'soon',
      '01.03.2026 10:60',
    ];
    expect(read(date('dd.MM.yyyy HH:mm')(bad.map((d) => ({ id: 'a', d }))))).toEqual(
      bad.map(() => 'VALUE.BAD_DATE'),
    );
    const badIso = [
      '2026-3-1',
      '2026-03-01T10',
      '2026-03-01T10:00+25:00',
      '2026-03-01Tx',
      '2026-03-01T10:00:00.',
      '20260301',
    ];
    expect(read(date('iso')(badIso.map((d) => ({ id: 'a', d }))))).toEqual(
      badIso.map(() => 'VALUE.BAD_DATE'),
    );
    expect(
      read(
        date('epoch-s')([
          { id: 'a', d: '1e30' },
          { id: 'b', d: 'abc' },
          { id: 'c', d: '99999999999999999' },
        ]),
      ),
    ).toEqual(['VALUE.BAD_DATE', 'VALUE.BAD_DATE', 'VALUE.BAD_DATE']);
  });

  it('refuses a bad pattern or time zone at compile time with a stable code', () => {
    const issues = (format: string, timeZone?: string) => {
      try {
        date(format, timeZone)([]);
      } catch (err) {
        return err instanceof MappingInvalidError
          ? err.issues.map((i) => `${i.field}:${i.code}`)
          : String(err);
      }
      return [];
    };
    expect(issues('dd.MM.yyyy', 'Mars/Olympus')).toEqual(['readAt:MAPPING.TIME_ZONE_INVALID']);
    expect(issues('dd.QQ.yyyy')).toEqual(['readAt:MAPPING.DATE_FORMAT_INVALID']);
    expect(issues('HH:mm')).toEqual(['readAt:MAPPING.DATE_FORMAT_INVALID']);
    expect(issues("dd.MM.yyyy 'at")).toEqual(['readAt:MAPPING.DATE_FORMAT_INVALID']);
    expect(issues('dd.MM.yyyy dd')).toEqual(['readAt:MAPPING.DATE_FORMAT_INVALID']);
  });
});

describe('unit, enum, constant, concat, coalesce and lookup transforms', () => {
  it('unit: scales numbers, rounds float noise for integers, quarantines non-numbers', () => {
    const kg = t({ kind: 'unit', column: 'g', factor: 0.001 });
    expect(
      values(run('weightKg', kg, [{ g: '1500' }, { g: 250 }, { g: 'heavy' }, { g: '' }]), 'weightKg'),
    ).toEqual([1.5, 0.25, 'VALUE.NOT_A_NUMBER', null]);
    const dozens = t({ kind: 'unit', column: 'u', factor: 0.1 * 3, offset: 0 });
    expect(values(run('units', dozens, [{ u: '10' }, { u: '1' }]), 'units')).toEqual([
      3,
      'VALUE.NOT_AN_INTEGER',
    ]);
    const celsius = t({ kind: 'unit', column: 'f', factor: 5 / 9, offset: (-32 * 5) / 9 });
    expect(values(run('weightKg', celsius, [{ f: '212' }]), 'weightKg')).toEqual([100]);
  });

  it('enum: maps source values, optionally case-insensitive and with a default', () => {
    const map = t({ kind: 'enum', column: 's', values: { O: 'open', C: 'closed', '1': 'void' } });
    expect(
      values(
        run('status', map, [{ s: 'O' }, { s: ' C ' }, { s: 1 }, { s: 'c' }, { s: 'X' }, { s: null }]),
        'status',
      ),
    ).toEqual(['open', 'closed', 'void', 'VALUE.ENUM_UNMAPPED', 'VALUE.ENUM_UNMAPPED', null]);
    const loose = t({
      kind: 'enum',
      column: 's',
      values: { Open: 'open' },
      caseInsensitive: true,
      default: 'void',
    });
    expect(values(run('status', loose, [{ s: 'OPEN' }, { s: 'other' }, { s: { x: 1 } }]), 'status')).toEqual([
      'open',
      'void',
      'VALUE.ENUM_UNMAPPED',
    ]);
  });

  it('enum: a target that is not one of the field values does not compile', () => {
    expect(() => run('status', t({ kind: 'enum', column: 's', values: { O: 'opened' } }), [])).toThrowError(
      /status: MAPPING.ENUM_VALUE_UNKNOWN/,
    );
  });

  it('constant: converted once to the field type; one that does not fit does not compile', () => {
    expect(values(run('price', t({ kind: 'constant', value: '9.5' }), [{}, {}]), 'price')).toEqual([
      9.5, 9.5,
    ]);
    expect(values(run('status', t({ kind: 'constant', value: 'Closed' }), [{}]), 'status')).toEqual([
      'closed',
    ]);
    expect(() => run('units', t({ kind: 'constant', value: 'many' }), [])).toThrowError(
      /units: MAPPING.TYPE_INCOMPATIBLE/,
    );
    expect(() => run('readAt', t({ kind: 'constant', value: null }), [])).toThrowError(
      /readAt: MAPPING.TYPE_INCOMPATIBLE/,
    );
  });

  it('concat: joins columns and texts, skipping empty columns; all empty is null', () => {
    const c = t({ kind: 'concat', parts: [{ column: 'a' }, { text: '/' }, { column: 'b' }], separator: '' });
    expect(
      values(run('label', c, [{ a: 'X', b: 1 }, { a: 'X' }, {}, { a: { k: 1 }, b: new Date(0) }]), 'label'),
    ).toEqual(['X/1', 'X/', null, '{"k":1}/1970-01-01T00:00:00.000Z']);
    expect(() => run('units', c, [])).toThrowError(/units: MAPPING.TYPE_INCOMPATIBLE/);
  });

  it('coalesce: the first non-empty column, then cast (a bad first value is not skipped)', () => {
    const c = t({ kind: 'coalesce', columns: ['a', 'b'] });
    expect(
      values(run('units', c, [{ a: '', b: '4' }, { a: '3', b: '4' }, {}, { a: 'x', b: '4' }]), 'units'),
    ).toEqual([4, 3, null, 'VALUE.NOT_A_NUMBER']);
  });

  it('lookup: the key through the caller-supplied index; a miss or no index goes to the quarantine', () => {
    const index = new Map([['ada@x.example', 'C1']]);
    const lookupKey: LookupKey = (object, by, value) =>
      object === 'Customer' && by === 'email' ? index.get(value) : undefined;
    const l = t({ kind: 'lookup', column: 'mail', object: 'Customer', by: 'email' });
    expect(
      values(
        run(
          'customerId',
          l,
          [{ mail: ' ada@x.example ' }, { mail: 'bob@x.example' }, { mail: '' }],
          lookupKey,
        ),
        'customerId',
      ),
    ).toEqual(['C1', 'VALUE.LOOKUP_MISSING', null]);
    expect(values(run('customerId', l, [{ mail: 'ada@x.example' }]), 'customerId')).toEqual([
      'VALUE.LOOKUP_UNAVAILABLE',
    ]);
    expect(() => run('units', l, [])).toThrowError(/units: MAPPING.TYPE_INCOMPATIBLE/);
  });

  it('a transform that does not fit the field type does not compile', () => {
    expect(() => run('label', t({ kind: 'date', column: 'd', format: 'iso' }), [])).toThrowError(
      /label: MAPPING.TYPE_INCOMPATIBLE/,
    );
    expect(() => run('label', t({ kind: 'unit', column: 'd', factor: 2 }), [])).toThrowError(
      /label: MAPPING.TYPE_INCOMPATIBLE/,
    );
    expect(() => run('weightKg', t({ kind: 'unit', column: 'd', factor: 0 }), [])).toThrowError(
      /MAPPING.UNIT_FACTOR_INVALID/,
    );
  });
});

describe('nothing crashes', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const garbage: unknown[] = [
    undefined,
    null,
    '',
    ' ',
    '\u00a0',
    'x',
    '-',
    '.',
    'e',
    '1e',
    '++1',
    NaN,
    Infinity,
    -0,
    2 ** 60,
    10n,
    2n ** 70n,
    true,
    {},
    [],
    [1],
    { a: 10n },
    cyclic,
    Symbol('s'),
    () => 1,
    new Date('x'),
    new Date(0),
    '9'.repeat(400),
    'ä\u0000',
  ];
  const sources: [string, FieldSource][] = [
    ...['day', 'units', 'weightKg', 'price', 'isValid', 'status', 'label', 'customerId'].map(
      (f): [string, FieldSource] => [f, { column: 'x' }],
    ),
    [
      'price',
      t({ kind: 'cast', column: 'x', numberFormat: { decimalSeparator: ',', thousandsSeparator: ' ' } }),
    ],
    ['day', t({ kind: 'date', column: 'x', format: 'dd.MM.yy' })],
    ['readAt', t({ kind: 'date', column: 'x', format: 'epoch-ms', timeZone: 'Asia/Kathmandu' })],
    ['units', t({ kind: 'unit', column: 'x', factor: 1e308 })],
    ['status', t({ kind: 'enum', column: 'x', values: { a: 'open' }, caseInsensitive: true })],
    ['label', t({ kind: 'concat', parts: [{ column: 'x' }, { column: 'x' }], separator: '|' })],
    ['isValid', t({ kind: 'coalesce', columns: ['x', 'y'] })],
    ['customerId', t({ kind: 'lookup', column: 'x', object: 'Customer', by: 'email' })],
  ];

  it('every transform takes any value: a record or a quarantine entry with a code, never an exception', () => {
    for (const [field, source] of sources) {
      const rows = run(
        field,
        source,
        garbage.map((x) => ({ x, y: x })),
        () => undefined,
      );
      for (const r of rows) {
        if ('quarantine' in r) for (const q of r.quarantine) expect(q.code).toMatch(/^VALUE\.[A-Z_]+$/);
        else expect(['string', 'number', 'boolean', 'object']).toContain(typeof r.record[field]);
      }
    }
  });
});

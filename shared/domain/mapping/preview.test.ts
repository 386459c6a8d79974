import { describe, expect, it } from 'vitest';
import { MappingMother, READING } from './mapping-mother';
import { previewMapping } from './preview';

describe('preview on sample rows', () => {
  it('shows every cell value or error, and counts errors per field and code', () => {
    const m = MappingMother.draft({
      id: { column: 'no' },
      readAt: {
        transform: { kind: 'date', column: 'ts', format: 'dd.MM.yyyy HH:mm', timeZone: 'Europe/Berlin' },
      },
      units: { column: 'u' },
    });
    const p = previewMapping(m, READING, [
      { no: 'A', ts: '01.03.2026 10:00', u: '3' },
      { no: '', ts: '31.02.2026 10:00', u: 'x' },
    ]);
    expect(p.fields).toEqual(['id', 'readAt', 'units']);
    expect(p.rows[0]).toEqual({
      row: 1,
      ok: true,
      cells: { id: { value: 'A' }, readAt: { value: Date.UTC(2026, 2, 1, 9) }, units: { value: 3 } },
    });
    expect(p.rows[1]?.ok).toBe(false);
    expect(Object.values(p.rows[1]?.cells ?? {}).map((c) => ('error' in c ? c.error.code : 'value'))).toEqual(
      ['VALUE.REQUIRED_MISSING', 'VALUE.BAD_DATE', 'VALUE.NOT_A_NUMBER'],
    );
    expect(p.summary).toEqual({ rows: 2, ok: 1, failed: 1 });
    expect(p.errorCounts).toEqual({
      id: { 'VALUE.REQUIRED_MISSING': 1 },
      readAt: { 'VALUE.BAD_DATE': 1 },
      units: { 'VALUE.NOT_A_NUMBER': 1 },
    });
  });

  it('a draft with a broken field still previews: that field shows its mapping issue', () => {
    const m = MappingMother.draft({
      id: { column: 'no' },
      readAt: { transform: { kind: 'date', column: 'ts', format: 'dd.QQ.yyyy' } },
      colour: { column: 'c' },
    });
    const p = previewMapping(m, READING, [{ no: 'A', ts: 'x' }], { firstRow: 41 });
    expect(p.fields).toEqual(['id', 'readAt']);
    expect(p.rows[0]?.row).toBe(41);
    expect(p.rows[0]?.cells.id).toEqual({ value: 'A' });
    expect(p.rows[0]?.cells.readAt).toEqual({
      error: {
        code: 'VALUE.MAPPING_INVALID',
        message: expect.stringMatching(/^MAPPING.DATE_FORMAT_INVALID: /),
      },
    });
  });
});

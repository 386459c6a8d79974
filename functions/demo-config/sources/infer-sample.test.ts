import { loadCatalog } from '@kpi/shared/domain/catalog/index';
import { isAppError } from '@kpi/shared/platform/errors';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, inferSample, typeOfValue, widen } from './infer-sample';
import { sampleOrdersXlsx } from './sample-xlsx.fixture';
import { issueBombs, lyingBombs, sharedStringsBomb } from './xlsx-bombs.fixture';

const objects = loadCatalog().objects;
const limits = { maxBytes: 10_000, maxRows: 5, maxColumns: 10, previewRows: 2 };

async function codeOf(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    return isAppError(err) ? err.code : `not an AppError: ${String(err)}`;
  }
  return undefined;
}

describe('sample CSV inference', () => {
  it('types single values and widens mixed columns', () => {
    expect(
      ['42', '-3', '4.5', '1e3', 'TRUE', 'no', '2026-02-28', '2026-02-30', '2026-02-28T10:15:00Z', 'x'].map(
        typeOfValue,
      ),
    ).toEqual([
      'integer',
      'integer',
      'decimal',
      'decimal',
      'boolean',
      'boolean',
      'date',
      'string',
      'datetime',
      'string',
    ]);
    expect(widen('integer', 'decimal')).toBe('decimal');
    expect(widen('date', 'datetime')).toBe('datetime');
    expect(widen('integer', 'boolean')).toBe('string');
  });

  it('infers header, types, nulls and a preview, and suggests the catalog object the columns match', async () => {
    const csv = [
      'Shipment ID,shipped_at,promisedAt,delivered at,isInFull,weightKg,units,note',
      'S1,2026-03-01T08:00:00Z,2026-03-03,2026-03-02T17:00:00Z,true,12.5,3,"fragile, ""glass"""',
      'S2,2026-03-01T09:00:00Z,2026-03-04,,false,8,2,',
      'S3,2026-03-02T10:00:00Z,2026-03-05T12:00:00Z,2026-03-05T11:00:00Z,yes,7,1,ok',
    ].join('\r\n');
    const r = await inferSample({ fileName: 'shipments.csv', content: `\uFEFF${csv}` }, objects, limits);
    expect(r.delimiter).toBe(',');
    expect(r.rowCount).toBe(3);
    expect(r.columns).toEqual([
      { name: 'Shipment ID', type: 'string', nullable: false, filled: 3 },
      { name: 'shipped_at', type: 'datetime', nullable: false, filled: 3 },
      { name: 'promisedAt', type: 'datetime', nullable: false, filled: 3 },
      { name: 'delivered at', type: 'datetime', nullable: true, filled: 2 },
      { name: 'isInFull', type: 'boolean', nullable: false, filled: 3 },
      { name: 'weightKg', type: 'decimal', nullable: false, filled: 3 },
      { name: 'units', type: 'integer', nullable: false, filled: 3 },
      { name: 'note', type: 'string', nullable: true, filled: 2 },
    ]);
    expect(r.preview).toHaveLength(2);
    expect(r.preview[0]?.[7]).toBe('fragile, "glass"');
    expect(r.suggestion?.object).toBe('Shipment');
    expect(r.suggestion?.fields).toEqual([
      { column: 'Shipment ID', field: 'id' },
      { column: 'shipped_at', field: 'shippedAt' },
      { column: 'promisedAt', field: 'promisedAt' },
      { column: 'delivered at', field: 'deliveredAt' },
      { column: 'isInFull', field: 'isInFull' },
      { column: 'weightKg', field: 'weightKg' },
      { column: 'units', field: 'units' },
    ]);
    expect(r.suggestion?.unmatchedColumns).toEqual(['note']);
  });

  it('detects semicolon and tab delimiters', async () => {
    expect(detectDelimiter('a;b;"c,d"\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    const r = await inferSample({ fileName: 'x.csv', content: 'id;netAmount\n1;2.5\n' }, objects, limits);
    expect(r.columns.map((c) => c.type)).toEqual(['integer', 'decimal']);
  });

  it('matches the object the caller names, or refuses an unknown one', async () => {
    const r = await inferSample(
      { fileName: 'x.csv', content: 'id,netAmount\n1,2\n', objectName: 'SalesOrderLine' },
      objects,
      limits,
    );
    expect(r.suggestion).toMatchObject({
      object: 'SalesOrderLine',
      fields: [
        { column: 'id', field: 'id' },
        { column: 'netAmount', field: 'netAmount' },
      ],
    });
    expect(
      await codeOf(() =>
        inferSample({ fileName: 'x.csv', content: 'a\n1\n', objectName: 'Nope' }, objects, limits),
      ),
    ).toBe('SOURCE.UNKNOWN_OBJECT');
  });

  it('refuses malformed, empty, oversized and spreadsheet samples with stable codes', async () => {
    const infer =
      (content: string, fileName = 'x.csv') =>
      () =>
        inferSample({ fileName, content }, objects, limits);
    expect(await codeOf(infer('a,b\n1,2,3\n'))).toBe('SOURCE.SAMPLE_INVALID');
    expect(await codeOf(infer('a,b\n"1,2\n'))).toBe('SOURCE.SAMPLE_INVALID');
    expect(await codeOf(infer('a,a\n1,2\n'))).toBe('SOURCE.SAMPLE_INVALID');
    expect(await codeOf(infer('a,b\n'))).toBe('SOURCE.SAMPLE_EMPTY');
    expect(await codeOf(infer(`a\n${'1\n'.repeat(6)}`))).toBe('SOURCE.SAMPLE_TOO_LARGE');
    expect(await codeOf(infer(`a\n${'1\n'.repeat(5)}`))).toBeUndefined();
    expect(await codeOf(infer(`${'c,'.repeat(11)}c\n${'1,'.repeat(11)}1\n`))).toBe('SOURCE.SAMPLE_TOO_LARGE');
    expect(await codeOf(infer(`a\n${'x'.repeat(10_001)}\n`))).toBe('SOURCE.SAMPLE_TOO_LARGE');
    expect(await codeOf(infer('PK...', 'book.xls'))).toBe('SOURCE.SAMPLE_FORMAT_UNSUPPORTED');
    // An XLSX must come base64-encoded, and be a workbook.
    expect(await codeOf(infer('PK...', 'book.xlsx'))).toBe('SOURCE.SAMPLE_INVALID');
    const notZip = () =>
      inferSample(
        { fileName: 'b.xlsx', content: Buffer.from('hello').toString('base64'), encoding: 'base64' },
        objects,
        limits,
      );
    expect(await codeOf(notZip)).toBe('SOURCE.SAMPLE_INVALID');
  });

  it('reads the first sheet of an XLSX workbook: numbers, dates and booleans typed like a CSV export', async () => {
    const r = await inferSample(
      {
        fileName: 'orders.xlsx',
        content: Buffer.from(sampleOrdersXlsx()).toString('base64'),
        encoding: 'base64',
      },
      objects,
      limits,
    );
    expect(r).toMatchObject({ format: 'xlsx', sheet: 'Orders', rowCount: 2 });
    expect(r.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
      ['id', 'integer', false],
      ['netAmount', 'decimal', false],
      ['orderedAt', 'date', false],
      ['isReturn', 'boolean', true],
    ]);
    expect(r.preview).toEqual([
      ['1', '12.5', '2025-12-09', 'false'],
      ['2', '7', '2025-12-10', ''],
    ]);
    expect(r.suggestion?.object).toBe('SalesOrderLine');
  });
});

describe('XLSX decompression bombs and unreadable uploads', () => {
  const xlsx = (bytes: Uint8Array, fileName = 'book.xlsx') => ({
    fileName,
    content: Buffer.from(bytes).toString('base64'),
    encoding: 'base64' as const,
  });
  const refusal = async (bytes: Uint8Array) => {
    try {
      await inferSample(xlsx(bytes), objects);
    } catch (err) {
      if (isAppError(err)) return { status: err.httpStatus, code: err.code, message: err.message };
      throw err;
    }
    return undefined;
  };

  it.each([...issueBombs(), ...lyingBombs()])(
    'refuses the $name before parsing it',
    async ({ name, bytes }) => {
      // Lying headers let the rows through the declared-size check: the row count stops the 50 and 400 MB sheets.
      const expected =
        /lying sizes/.test(name) && /sheet/.test(name)
          ? 'SOURCE.SAMPLE_TOO_LARGE'
          : 'SOURCE.SAMPLE_TOO_LARGE_UNPACKED';
      expect(await refusal(bytes)).toMatchObject({ status: 413, code: expected });
    },
  );

  it('counts shared strings, rows and columns of the workbook against the limits', async () => {
    const small = { maxBytes: 4_000_000, maxRows: 5, maxColumns: 10, previewRows: 2, maxSharedStrings: 100 };
    const infer = async (bytes: Uint8Array) => {
      try {
        await inferSample(xlsx(bytes), objects, small);
        return 'accepted';
      } catch (err) {
        return isAppError(err) ? err.code : String(err);
      }
    };
    expect(await infer(sharedStringsBomb(1))).toBe('SOURCE.SAMPLE_TOO_LARGE_UNPACKED');
    expect(await infer(sharedStringsBomb(1, { lie: true }))).toBe('SOURCE.SAMPLE_TOO_LARGE_UNPACKED');
    expect(await infer(sampleOrdersXlsx())).toBe('accepted');
    // A single cell far out: tiny to send, but the reader would build the whole grid up to it.
    const far = (ref: string) =>
      zipSync({
        ...unzipSync(sampleOrdersXlsx()),
        'xl/worksheets/sheet1.xml': strToU8(
          `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row><c r="${ref}"><v>1</v></c></row></sheetData></worksheet>`,
        ),
      });
    expect(await infer(far('A7'))).toBe('SOURCE.SAMPLE_TOO_LARGE');
    expect(await infer(far('XFD2'))).toBe('SOURCE.SAMPLE_TOO_LARGE');
    expect(await infer(far('A6'))).toBe('accepted');
  });

  it('refuses an archive of too many entries', async () => {
    const many: Record<string, Uint8Array> = { ...unzipSync(sampleOrdersXlsx()) };
    for (let i = 0; i < 1000; i++) many[`xl/media/${i}.xml`] = strToU8('<x/>');
    expect(await refusal(zipSync(many))).toMatchObject({
      status: 413,
      code: 'SOURCE.SAMPLE_TOO_LARGE_UNPACKED',
    });
  });

  it('answers a corrupt XLSX or CSV with a stable code and its own words, never the parser’s', async () => {
    const warnings: string[] = [];
    const log = {
      warn: (msg: string, fields?: Record<string, unknown>) =>
        warnings.push(`${msg} ${JSON.stringify(fields)}`),
    };
    const failure = async (request: Parameters<typeof inferSample>[0]) => {
      try {
        await inferSample(request, objects, limits, log);
      } catch (err) {
        if (isAppError(err)) return { status: err.httpStatus, code: err.code, message: err.message };
      }
      return undefined;
    };
    // Cells without a reference: read-excel-file fails with "Cannot read properties of undefined".
    const noRefs = zipSync({
      ...unzipSync(sampleOrdersXlsx()),
      'xl/worksheets/sheet1.xml': strToU8(
        '<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>',
      ),
    });
    const archive = sampleOrdersXlsx();
    const truncated = archive.subarray(0, archive.length - 30);
    const corrupted = Uint8Array.from(archive);
    corrupted.fill(0x55, 200, 400);
    for (const bytes of [noRefs, truncated, corrupted]) {
      expect(await failure(xlsx(bytes))).toEqual({
        status: 422,
        code: 'SOURCE.SAMPLE_INVALID',
        message: 'The file is not a readable XLSX workbook',
      });
    }
    expect(await failure({ fileName: 'x.csv', content: 'a,b\n"1,2\n' })).toEqual({
      status: 422,
      code: 'SOURCE.SAMPLE_INVALID',
      message: 'The file is not valid CSV: a quoted field is not closed (line 2)',
    });
    expect(await failure({ fileName: 'x.csv', content: 'a,b\n1,2,3\n' })).toMatchObject({
      message: 'The file is not valid CSV: a row has a different number of fields than the header (line 2)',
    });
    // The parsers' own words are kept for us, in the log.
    expect(warnings.join('\n')).toMatch(/Cannot read properties of undefined/);
    expect(warnings.join('\n')).toMatch(/Quote Not Closed/i);
  });
});

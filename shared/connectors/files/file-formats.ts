/**
 * A file's bytes → pages of rows, per format: CSV (csv-parse, streamed; encoding, delimiter and header
 * detected), XLSX (read-excel-file, first or named sheet, with zip-bomb caps), JSON (an array at a path),
 * NDJSON (one object per line) and Parquet (hyparquet, read in row ranges). Pages hold at most
 * `pageRows` rows so a reader holds about one batch at a time beyond the file's own bytes.
 */
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import readXlsxFile from 'read-excel-file/universal';
import { CONNECTOR_LIMITS, type FileFormat, SourceErrorCodes } from '../../contracts/connector';
import { detectDelimiter, typeOfValue } from '../../domain/value-types';
import { SourceError } from '../source-error';

export type Row = Record<string, unknown>;

/** File name endings each format reads; other files under the prefix are not part of the source. */
export const FORMAT_EXTENSIONS: Readonly<Record<FileFormat['format'], readonly string[]>> = {
  csv: ['.csv', '.tsv', '.txt'],
  xlsx: ['.xlsx'],
  json: ['.json'],
  ndjson: ['.ndjson', '.jsonl'],
  parquet: ['.parquet'],
};

const invalid = (file: string, why: string) =>
  new SourceError(SourceErrorCodes.formatInvalid, `${file}: ${why}`);

/** UTF-8 (BOM or valid), UTF-16 LE/BE (BOM), else Windows-1252 (what Excel on Windows writes). */
export function decodeText(bytes: Uint8Array, encoding: string): string {
  const b = bytes;
  if (encoding === 'utf-16le' || (encoding === 'auto' && b[0] === 0xff && b[1] === 0xfe))
    return new TextDecoder('utf-16le').decode(b);
  if (encoding === 'auto' && b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b);
  if (encoding === 'windows-1252') return new TextDecoder('windows-1252').decode(b);
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(b);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('windows-1252').decode(b);
  }
}

/**
 * The first row is a header when its values are all non-empty, distinct text and either some column
 * below it holds typed values (numbers, dates, booleans) or the table is all text (then a header is
 * still the usual case). A first row with a number or a date in it is data.
 */
export function looksLikeHeader(first: readonly string[], next: readonly (readonly string[])[]): boolean {
  const trimmed = first.map((v) => v.trim());
  if (trimmed.some((v) => v === '' || typeOfValue(v) !== 'string')) return false;
  if (new Set(trimmed).size !== trimmed.length) return false;
  if (next.length === 0) return true;
  const typedBelow = trimmed.some((_, c) =>
    next.some((r) => {
      const v = (r[c] ?? '').trim();
      return v !== '' && typeOfValue(v) !== 'string';
    }),
  );
  // All-text tables: a distinct, all-text first row is still the usual case of a header.
  return typedBelow || next.every((r) => r.some((v, c) => v.trim() !== trimmed[c]));
}

async function* csvPages(
  file: string,
  bytes: Uint8Array,
  format: Extract<FileFormat, { format: 'csv' }>,
  pageRows: number,
): AsyncGenerator<Row[]> {
  const text = decodeText(bytes, format.encoding).replace(/^\uFEFF/, '');
  const delimiter = format.delimiter === 'auto' ? detectDelimiter(text) : format.delimiter;
  const parser = Readable.from([text]).pipe(
    parse({ delimiter, skip_empty_lines: true, relax_column_count: true }),
  );
  let names: string[] | undefined;
  const pending: string[][] = [];
  let page: Row[] = [];
  const toRow = (cells: string[]): Row => {
    const row: Row = {};
    (names as string[]).forEach((n, i) => {
      const v = cells[i];
      row[n] = v === undefined || v === '' ? null : v;
    });
    return row;
  };
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (!names) {
        // Up to 20 rows decide whether the first one is a header.
        pending.push(cells);
        if (pending.length < 20) continue;
        names = headerOf(pending, format.header);
        page.push(
          ...pending
            .slice(format.header === 'absent' || !isHeader(pending, format.header) ? 0 : 1)
            .map(toRow),
        );
      } else page.push(toRow(cells));
      if (page.length >= pageRows) {
        yield page;
        page = [];
      }
    }
  } catch (err) {
    if (err instanceof CsvError) throw invalid(file, `not valid CSV: ${err.message}`);
    throw err;
  }
  if (!names && pending.length > 0) {
    names = headerOf(pending, format.header);
    page.push(...pending.slice(isHeader(pending, format.header) ? 1 : 0).map(toRow));
  }
  if (page.length) yield page;
}

function isHeader(rows: string[][], mode: string): boolean {
  if (mode === 'present') return true;
  if (mode === 'absent') return false;
  return looksLikeHeader(rows[0] ?? [], rows.slice(1));
}

function headerOf(rows: string[][], mode: string): string[] {
  const width = Math.max(...rows.map((r) => r.length));
  if (!isHeader(rows, mode)) return Array.from({ length: width }, (_, i) => `column${i + 1}`);
  const names = (rows[0] ?? []).map((h, i) => h.trim() || `column${i + 1}`);
  for (let i = names.length; i < width; i++) names.push(`column${i + 1}`);
  return names.map((n, i) => (names.indexOf(n) === i ? n : `${n}_${i + 1}`));
}

/**
 * The total unpacked size an XLSX (zip) declares in its central directory: a workbook of a few MB can
 * unpack to gigabytes (a zip bomb), and read-excel-file would inflate it all in memory.
 */
export function zipUnpackedBytes(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 65_557); i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const entries = view.getUint16(i + 10, true);
    let p = view.getUint32(i + 16, true);
    let total = 0;
    for (let n = 0; n < entries; n++) {
      if (p + 46 > bytes.byteLength || view.getUint32(p, true) !== 0x02014b50) return undefined;
      total += view.getUint32(p + 24, true);
      p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    return total;
  }
  return undefined;
}

const XLSX_UNPACKED_MAX = 200 * 1024 * 1024;

async function* xlsxPages(
  file: string,
  bytes: Uint8Array,
  format: Extract<FileFormat, { format: 'xlsx' }>,
  pageRows: number,
): AsyncGenerator<Row[]> {
  if (bytes.byteLength > CONNECTOR_LIMITS.xlsxBytes) {
    throw new SourceError(
      SourceErrorCodes.tooLarge,
      `${file}: a workbook may have at most ${CONNECTOR_LIMITS.xlsxBytes} bytes`,
    );
  }
  const unpacked = zipUnpackedBytes(bytes);
  if (unpacked === undefined) throw invalid(file, 'not an XLSX workbook (no zip directory)');
  if (unpacked > XLSX_UNPACKED_MAX) {
    throw new SourceError(
      SourceErrorCodes.tooLarge,
      `${file}: the workbook unpacks to more than ${XLSX_UNPACKED_MAX} bytes`,
    );
  }
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = await readXlsxFile(buffer);
  } catch (err) {
    throw invalid(file, `not a readable XLSX workbook: ${(err as Error).message}`);
  }
  const sheet = format.sheet ? sheets.find((s) => s.sheet === format.sheet) : sheets[0];
  if (!sheet)
    throw new SourceError(SourceErrorCodes.notFound, `${file}: no sheet ${format.sheet ?? ''}`.trim());
  if (sheet.data.length > CONNECTOR_LIMITS.xlsxRows + 1) {
    throw new SourceError(
      SourceErrorCodes.tooLarge,
      `${file}: a sheet may have at most ${CONNECTOR_LIMITS.xlsxRows} rows`,
    );
  }
  const [header = [], ...rows] = sheet.data;
  const names = header.map((h, i) =>
    h === null || String(h).trim() === '' ? `column${i + 1}` : String(h).trim(),
  );
  for (let i = 0; i < rows.length; i += pageRows) {
    yield rows.slice(i, i + pageRows).map((cells) => {
      const row: Row = {};
      names.forEach((n, c) => {
        const v = cells[c];
        // Dates at midnight UTC are calendar dates in a sheet.
        row[n] =
          v instanceof Date && v.toISOString().endsWith('T00:00:00.000Z')
            ? v.toISOString().slice(0, 10)
            : (v ?? null);
      });
      return row;
    });
  }
}

function* jsonPages(
  file: string,
  bytes: Uint8Array,
  recordsPath: string,
  pageRows: number,
): Generator<Row[]> {
  let body: unknown;
  try {
    body = JSON.parse(decodeText(bytes, 'auto').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw invalid(file, `not valid JSON: ${(err as Error).message}`);
  }
  for (const part of recordsPath ? recordsPath.split('.') : []) {
    body = body !== null && typeof body === 'object' ? (body as Row)[part] : undefined;
  }
  if (!Array.isArray(body)) throw invalid(file, `no array of records at "${recordsPath || '(file)'}"`);
  for (let i = 0; i < body.length; i += pageRows) yield body.slice(i, i + pageRows).map(asRow);
}

const asRow = (v: unknown): Row =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Row) : { value: v };

function* ndjsonPages(file: string, bytes: Uint8Array, pageRows: number): Generator<Row[]> {
  const text = decodeText(bytes, 'auto').replace(/^\uFEFF/, '');
  let page: Row[] = [];
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const s = text.slice(start, end).trim();
    start = end + 1;
    if (s === '') continue;
    try {
      page.push(asRow(JSON.parse(s)));
    } catch (err) {
      throw invalid(file, `line ${line} is not JSON: ${(err as Error).message}`);
    }
    if (page.length >= pageRows) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

async function* parquetPages(file: string, bytes: Uint8Array, pageRows: number): AsyncGenerator<Row[]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let rows: number;
  try {
    rows = Number(parquetMetadata(buffer).num_rows);
  } catch (err) {
    throw invalid(file, `not a Parquet file: ${(err as Error).message}`);
  }
  for (let rowStart = 0; rowStart < rows; rowStart += pageRows) {
    const rowEnd = Math.min(rows, rowStart + pageRows);
    yield (await parquetReadObjects({ file: buffer, rowStart, rowEnd })) as Row[];
  }
}

/** The rows of one file in pages of at most `pageRows`. */
export function filePages(
  file: string,
  bytes: Uint8Array,
  format: FileFormat,
  pageRows: number,
): AsyncIterable<Row[]> | Iterable<Row[]> {
  if (format.format !== 'xlsx' && bytes.byteLength > CONNECTOR_LIMITS.fileBytes) {
    throw new SourceError(
      SourceErrorCodes.tooLarge,
      `${file}: a file may have at most ${CONNECTOR_LIMITS.fileBytes} bytes`,
    );
  }
  switch (format.format) {
    case 'csv':
      return csvPages(file, bytes, format, pageRows);
    case 'xlsx':
      return xlsxPages(file, bytes, format, pageRows);
    case 'json':
      return jsonPages(file, bytes, format.recordsPath, pageRows);
    case 'ndjson':
      return ndjsonPages(file, bytes, pageRows);
    case 'parquet':
      return parquetPages(file, bytes, pageRows);
  }
}

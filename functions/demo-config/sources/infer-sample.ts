/**
 * Infers a data source's columns from an uploaded sample CSV: the header, a type per column from every row
 * (integer, decimal, boolean, date, datetime, string), a preview of the first rows, and the catalog object
 * whose fields the columns match best. CSV parsing is csv-parse's (quotes, escaped quotes, CRLF, BOM); XLSX
 * (first sheet) is read-excel-file's, its cells turned into the text a CSV export would hold.
 */
import {
  DEMO_CONFIG_LIMITS,
  type InferredType,
  type InferSampleResponse,
} from '@kpi/shared/contracts/demo-config';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { bestMatchingObject, matchColumns, type SuggestColumn } from '@kpi/shared/domain/mapping/suggest';
import { isAppError, payloadTooLarge, unprocessable } from '@kpi/shared/platform/errors';
import { CsvError, parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/universal';

export const SampleErrors = {
  invalid: 'SOURCE.SAMPLE_INVALID',
  empty: 'SOURCE.SAMPLE_EMPTY',
  tooLarge: 'SOURCE.SAMPLE_TOO_LARGE',
  unsupported: 'SOURCE.SAMPLE_FORMAT_UNSUPPORTED',
  unknownObject: 'SOURCE.UNKNOWN_OBJECT',
} as const;

export interface SampleLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
  previewRows: number;
}

const defaultLimits: SampleLimits = {
  maxBytes: DEMO_CONFIG_LIMITS.sampleBytes,
  maxRows: DEMO_CONFIG_LIMITS.sampleRows,
  maxColumns: DEMO_CONFIG_LIMITS.sampleColumns,
  previewRows: DEMO_CONFIG_LIMITS.previewRows,
};

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEAN = /^(?:true|false|yes|no)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** A real day: `Date.parse` would roll 2026-02-30 over to March. */
function isCalendarDate(ymd: string): boolean {
  const t = Date.parse(`${ymd}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === ymd;
}

/** The narrowest type of one non-empty value. */
export function typeOfValue(v: string): InferredType {
  if (INTEGER.test(v)) return 'integer';
  if (DECIMAL.test(v)) return 'decimal';
  if (BOOLEAN.test(v)) return 'boolean';
  if (DATE.test(v) && isCalendarDate(v)) return 'date';
  if (DATETIME.test(v) && isCalendarDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v.replace(' ', 'T'))))
    return 'datetime';
  return 'string';
}

/** The type that holds both: integer widens to decimal, date to datetime, anything else to string. */
export function widen(a: InferredType | undefined, b: InferredType): InferredType {
  if (a === undefined || a === b) return b;
  const pair = new Set([a, b]);
  if (pair.has('integer') && pair.has('decimal')) return 'decimal';
  if (pair.has('date') && pair.has('datetime')) return 'datetime';
  return 'string';
}

/** The most frequent candidate delimiter in the header line (outside quotes). */
export function detectDelimiter(text: string): string {
  const candidates = [',', ';', '\t', '|'];
  const counts = new Map(candidates.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const c of candidates) if ((counts.get(c) ?? 0) > (counts.get(best) ?? 0)) best = c;
  return best;
}

export interface SampleRequest {
  fileName: string;
  content: string;
  encoding?: 'text' | 'base64' | undefined;
  objectName?: string | undefined;
}

/** The rows of a CSV text (header first). */
function csvRecords(content: string, limits: SampleLimits): { delimiter: string; records: string[][] } {
  if (Buffer.byteLength(content, 'utf8') > limits.maxBytes) {
    throw payloadTooLarge(SampleErrors.tooLarge, `A sample may have at most ${limits.maxBytes} bytes`);
  }
  const delimiter = detectDelimiter(content.replace(/^\uFEFF/, ''));
  try {
    const records = parse(content, {
      bom: true,
      delimiter,
      skip_empty_lines: true,
      // One row more than allowed tells "too many" from "exactly the limit" without parsing everything.
      to: limits.maxRows + 2,
    }) as string[][];
    return { delimiter, records };
  } catch (err) {
    if (err instanceof CsvError) {
      throw unprocessable(SampleErrors.invalid, `The file is not valid CSV: ${err.message}`, {
        code: err.code,
      });
    }
    throw err;
  }
}

/** A spreadsheet cell as the text a CSV export would hold (dates at midnight UTC as dates). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(v);
}

/** The rows of the first sheet of an XLSX file (header first). */
async function xlsxRecords(
  bytes: Uint8Array,
  limits: SampleLimits,
): Promise<{ sheet: string; records: string[][] }> {
  if (bytes.byteLength > limits.maxBytes) {
    throw payloadTooLarge(SampleErrors.tooLarge, `A sample may have at most ${limits.maxBytes} bytes`);
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const [first] = await readXlsxFile(buffer);
    if (!first) throw unprocessable(SampleErrors.empty, 'The workbook has no sheet');
    const data = first.data.slice(0, limits.maxRows + 2);
    return { sheet: first.sheet, records: data.map((row) => row.map(cellText)) };
  } catch (err) {
    if (isAppError(err)) throw err;
    throw unprocessable(
      SampleErrors.invalid,
      `The file is not a readable XLSX workbook: ${(err as Error).message}`,
    );
  }
}

/** Infers columns, types, a preview and the best-matching catalog object from a sample CSV or XLSX file. */
export async function inferSample(
  request: SampleRequest,
  objects: readonly DataObject[],
  limits: SampleLimits = defaultLimits,
): Promise<InferSampleResponse> {
  if (/\.xlsx$/i.test(request.fileName)) {
    if (request.encoding !== 'base64') {
      throw unprocessable(SampleErrors.invalid, 'Send an XLSX file base64-encoded (encoding: base64)');
    }
    const { sheet, records } = await xlsxRecords(Buffer.from(request.content, 'base64'), limits);
    return inferRecords(request, records, objects, limits, { format: 'xlsx', sheet });
  }
  if (/\.(xlsm|xlsb|xls|ods|numbers)$/i.test(request.fileName)) {
    throw unprocessable(
      SampleErrors.unsupported,
      'Only CSV and XLSX samples are supported: save the sheet as XLSX or CSV',
    );
  }
  const text =
    request.encoding === 'base64' ? Buffer.from(request.content, 'base64').toString('utf8') : request.content;
  const { delimiter, records } = csvRecords(text, limits);
  return inferRecords(request, records, objects, limits, { format: 'csv', delimiter });
}

function inferRecords(
  request: SampleRequest,
  records: string[][],
  objects: readonly DataObject[],
  limits: SampleLimits,
  about: { format: 'csv'; delimiter: string } | { format: 'xlsx'; sheet: string },
): InferSampleResponse {
  const [header, ...rows] = records;
  if (!header || rows.length === 0)
    throw unprocessable(SampleErrors.empty, 'The sample needs a header and at least one row');
  if (rows.length > limits.maxRows) {
    throw payloadTooLarge(SampleErrors.tooLarge, `A sample may have at most ${limits.maxRows} rows`);
  }
  if (header.length > limits.maxColumns) {
    throw payloadTooLarge(SampleErrors.tooLarge, `A sample may have at most ${limits.maxColumns} columns`);
  }
  const names = header.map((h, i) => h.trim() || `column${i + 1}`);
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  if (duplicates.length) {
    throw unprocessable(SampleErrors.invalid, 'Column names must be unique', {
      duplicates: [...new Set(duplicates)],
    });
  }

  const types: (InferredType | undefined)[] = names.map(() => undefined);
  const filled = names.map(() => 0);
  for (const row of rows) {
    for (let c = 0; c < names.length; c++) {
      const v = (row[c] ?? '').trim();
      if (v === '') continue;
      filled[c] = (filled[c] ?? 0) + 1;
      if (types[c] !== 'string') types[c] = widen(types[c], typeOfValue(v));
    }
  }
  const columns = names.map((name, c) => ({
    name,
    type: types[c] ?? 'string',
    nullable: (filled[c] ?? 0) < rows.length,
    filled: filled[c] ?? 0,
  }));

  // Column → field matching is the mapping module's (shared with the mapping service's suggestions).
  let suggestion: InferSampleResponse['suggestion'] = null;
  if (request.objectName !== undefined) {
    const object = objects.find((o) => o.name === request.objectName);
    if (!object)
      throw unprocessable(SampleErrors.unknownObject, `The catalog has no object ${request.objectName}`);
    suggestion = toSuggestion(object, columns, matchColumns(object, columns));
  } else {
    const best = bestMatchingObject(objects, columns);
    if (best) suggestion = toSuggestion(best.object, columns, best.matches);
  }

  return {
    fileName: request.fileName,
    ...about,
    rowCount: rows.length,
    columns,
    preview: rows.slice(0, limits.previewRows).map((r) => names.map((_, c) => r[c] ?? '')),
    suggestion,
  };
}

function toSuggestion(
  object: DataObject,
  columns: readonly SuggestColumn[],
  matches: readonly { column: string; field: string }[],
) {
  const fields = matches.map(({ column, field }) => ({ column, field }));
  const matched = new Set(fields.map((f) => f.column));
  return {
    object: object.name,
    fields,
    unmatchedColumns: columns.map((c) => c.name).filter((n) => !matched.has(n)),
  };
}

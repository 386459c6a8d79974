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
import { detectDelimiter, typeOfValue, widen } from '@kpi/shared/domain/value-types';
import { isAppError, payloadTooLarge, unprocessable } from '@kpi/shared/platform/errors';
import type { Logger } from '@kpi/shared/platform/log';
import { CsvError, parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/universal';
import { checkXlsxArchive, XlsxRefused } from './xlsx-guard';

export const SampleErrors = {
  invalid: 'SOURCE.SAMPLE_INVALID',
  empty: 'SOURCE.SAMPLE_EMPTY',
  tooLarge: 'SOURCE.SAMPLE_TOO_LARGE',
  /** An XLSX that would unpack to more than allowed (a decompression bomb, or simply too big). */
  tooLargeUnpacked: 'SOURCE.SAMPLE_TOO_LARGE_UNPACKED',
  unsupported: 'SOURCE.SAMPLE_FORMAT_UNSUPPORTED',
  unknownObject: 'SOURCE.UNKNOWN_OBJECT',
} as const;

export interface SampleLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
  previewRows: number;
  /** XLSX: bytes its XML parts may unpack to. */
  maxUnpackedBytes?: number;
  /** XLSX: entries in the archive. */
  maxArchiveEntries?: number;
  /** XLSX: shared strings. */
  maxSharedStrings?: number;
}

const defaultLimits: SampleLimits = {
  maxBytes: DEMO_CONFIG_LIMITS.sampleBytes,
  maxRows: DEMO_CONFIG_LIMITS.sampleRows,
  maxColumns: DEMO_CONFIG_LIMITS.sampleColumns,
  previewRows: DEMO_CONFIG_LIMITS.previewRows,
  maxUnpackedBytes: DEMO_CONFIG_LIMITS.sampleUnpackedBytes,
  maxArchiveEntries: DEMO_CONFIG_LIMITS.sampleArchiveEntries,
  maxSharedStrings: DEMO_CONFIG_LIMITS.sampleSharedStrings,
};

/** Where the parsers' own messages go: they are for us, not for the caller. */
type SampleLog = Pick<Logger, 'warn'>;
const noLog: SampleLog = { warn: () => {} };

// The value typing and delimiter detection are shared with the connector's discovery.
export { detectDelimiter, typeOfValue, widen };

export interface SampleRequest {
  fileName: string;
  content: string;
  encoding?: 'text' | 'base64' | undefined;
  objectName?: string | undefined;
}

/** The rows of a CSV text (header first). */
function csvRecords(
  content: string,
  limits: SampleLimits,
  log: SampleLog,
): { delimiter: string; records: string[][] } {
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
    log.warn('sample CSV refused', { parser: err instanceof Error ? err.message : String(err) });
    const line = err instanceof CsvError ? (err as CsvError & { lines?: number }).lines : undefined;
    const what = (err instanceof CsvError && csvProblems[err.code]) || 'it cannot be read as CSV';
    throw unprocessable(
      SampleErrors.invalid,
      `The file is not valid CSV: ${what}${line ? ` (line ${line})` : ''}`,
      line ? { line } : undefined,
    );
  }
}

/** Our words for csv-parse's failures (its own messages quote internals such as option names). */
const csvProblems: Readonly<Record<string, string>> = {
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'a row has a different number of fields than the header',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'a row has a different number of fields than the header',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a field is not doubled',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text follows a closing quote',
  CSV_MAX_RECORD_SIZE: 'a row is too long',
};

/** A spreadsheet cell as the text a CSV export would hold (dates at midnight UTC as dates). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(v);
}

/** The answer to an archive the guard refused. */
function refusal(err: XlsxRefused, limits: SampleLimits) {
  switch (err.reason) {
    case 'rows':
      return payloadTooLarge(SampleErrors.tooLarge, `A sample may have at most ${limits.maxRows} rows`);
    case 'columns':
      return payloadTooLarge(SampleErrors.tooLarge, `A sample may have at most ${limits.maxColumns} columns`);
    case 'unpacked':
      return payloadTooLarge(
        SampleErrors.tooLargeUnpacked,
        `The workbook unpacks to more than a sample may hold (${limits.maxUnpackedBytes} bytes, ${limits.maxArchiveEntries} parts, ${limits.maxSharedStrings} distinct texts): upload the first rows only`,
      );
    case 'invalid':
      return unprocessable(SampleErrors.invalid, 'The file is not a readable XLSX workbook');
  }
}

/** The rows of the first sheet of an XLSX file (header first). */
async function xlsxRecords(
  bytes: Uint8Array,
  limits: SampleLimits,
  log: SampleLog,
): Promise<{ sheet: string; records: string[][] }> {
  if (bytes.byteLength > limits.maxBytes) {
    throw payloadTooLarge(SampleErrors.tooLarge, `A sample may have at most ${limits.maxBytes} bytes`);
  }
  try {
    await checkXlsxArchive(bytes, {
      maxEntries: limits.maxArchiveEntries ?? DEMO_CONFIG_LIMITS.sampleArchiveEntries,
      maxInflatedBytes: limits.maxUnpackedBytes ?? DEMO_CONFIG_LIMITS.sampleUnpackedBytes,
      maxSharedStrings: limits.maxSharedStrings ?? DEMO_CONFIG_LIMITS.sampleSharedStrings,
      // The header row comes on top of the data rows.
      maxRows: limits.maxRows + 1,
      maxColumns: limits.maxColumns,
    });
  } catch (err) {
    if (!(err instanceof XlsxRefused)) throw err;
    log.warn('sample XLSX refused before parsing', { reason: err.reason, detail: err.message });
    throw refusal(err, limits);
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const [first] = await readXlsxFile(buffer);
    if (!first) throw unprocessable(SampleErrors.empty, 'The workbook has no sheet');
    const data = first.data.slice(0, limits.maxRows + 2);
    return { sheet: first.sheet, records: data.map((row) => row.map(cellText)) };
  } catch (err) {
    if (isAppError(err)) throw err;
    // The reader's own message names its internals ("Cannot read properties of undefined"): log it only.
    log.warn('sample XLSX unreadable', { parser: err instanceof Error ? err.message : String(err) });
    throw unprocessable(SampleErrors.invalid, 'The file is not a readable XLSX workbook');
  }
}

/** Infers columns, types, a preview and the best-matching catalog object from a sample CSV or XLSX file. */
export async function inferSample(
  request: SampleRequest,
  objects: readonly DataObject[],
  limits: SampleLimits = defaultLimits,
  log: SampleLog = noLog,
): Promise<InferSampleResponse> {
  if (/\.xlsx$/i.test(request.fileName)) {
    if (request.encoding !== 'base64') {
      throw unprocessable(SampleErrors.invalid, 'Send an XLSX file base64-encoded (encoding: base64)');
    }
    const { sheet, records } = await xlsxRecords(Buffer.from(request.content, 'base64'), limits, log);
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
  const { delimiter, records } = csvRecords(text, limits, log);
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

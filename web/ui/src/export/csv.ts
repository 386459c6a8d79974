/** CSV of the numbers behind a tile or chart. Pure; quoting by d3-dsv (RFC 4180). */
import { csvFormatRows } from 'd3-dsv';

/** One cell: numbers are written as they are (full precision), missing values as empty cells. */
export type CsvCell = string | number | boolean | null | undefined;

// A spreadsheet runs a text cell that starts with one of these as a formula ("CSV injection"). Labels come
// from client data sources, so such a cell gets a leading apostrophe, the spreadsheets' text marker.
const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return String(cell);
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The rows (the first one the header) as CSV text, lines ended by CRLF as RFC 4180 says. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `${csvFormatRows(rows.map((row) => row.map(cellText))).replace(/\n/g, '\r\n')}\r\n`;
}

/** A CSV file's blob, with a byte-order mark so spreadsheets read the text as UTF-8. */
export function csvBlob(rows: readonly (readonly CsvCell[])[]): Blob {
  return new Blob([`\uFEFF${toCsv(rows)}`], { type: 'text/csv;charset=utf-8' });
}

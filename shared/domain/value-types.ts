/**
 * The type of a value read as text (CSV cells, spreadsheet cells, JSON values) and the delimiter of a CSV
 * header line: shared by the Config app's sample inference and the connector's discovery, so a column is
 * typed the same way wherever it is first seen.
 */
import type { InferredType } from '../contracts/demo-config';

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

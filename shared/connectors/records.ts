/**
 * Source values → record fields, column typing from sampled records, key and cursor candidates, and
 * cursor arithmetic (comparison, look-back) shared by the connectors that cannot ask a server to filter.
 */
import type { ColumnType, DiscoveredColumn, FieldValue, SourceRecord } from '../contracts/connector';
import { SourceErrorCodes } from '../contracts/connector';
import { typeOfValue, widen } from '../domain/value-types';
import { SourceError } from './source-error';

/** One value as a record field: dates as ISO text, big integers as numbers when exact, objects as JSON. */
export function toFieldValue(v: unknown): FieldValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

export function toRecord(row: Record<string, unknown>): SourceRecord {
  const out: SourceRecord = {};
  for (const [k, v] of Object.entries(row)) out[k] = toFieldValue(v);
  return out;
}

function typeOf(v: unknown): ColumnType | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'decimal';
  if (typeof v === 'bigint') return 'integer';
  if (v instanceof Date) return 'datetime';
  if (typeof v === 'object') return 'json';
  return typeOfValue(String(v).trim());
}

/** Columns (in first-seen order) typed from sampled rows; a column missing or empty in a row is nullable. */
export function inferColumns(
  rows: readonly Record<string, unknown>[],
  sourceType: string,
): DiscoveredColumn[] {
  const types = new Map<string, ColumnType | undefined>();
  const filled = new Map<string, number>();
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (!types.has(k)) types.set(k, undefined);
      const t = typeOf(v);
      if (t === undefined) continue;
      filled.set(k, (filled.get(k) ?? 0) + 1);
      const prev = types.get(k);
      if (prev === 'json' || t === 'json') types.set(k, prev === undefined || prev === t ? t : 'string');
      else types.set(k, widen(prev, t));
    }
  }
  return [...types].map(([name, type]) => ({
    name,
    type: type ?? 'string',
    sourceType,
    nullable: (filled.get(name) ?? 0) < rows.length || rows.length === 0,
  }));
}

const KEY_NAME = /^(id|key|code|uuid)$|(Id|_id|ID|Key|_key|Code|_code)$/;

/** Columns whose sampled values are all present and distinct, `id`-like names first (at most 3). */
export function keyCandidatesFrom(rows: readonly Record<string, unknown>[], columns: DiscoveredColumn[]) {
  if (rows.length === 0) return [];
  const unique = columns.filter((c) => {
    if (c.type === 'json' || c.type === 'boolean' || c.type === 'decimal') return false;
    const seen = new Set<unknown>();
    for (const r of rows) {
      const v = r[c.name];
      if (v === null || v === undefined || v === '' || seen.has(v)) return false;
      seen.add(v);
    }
    return true;
  });
  const rank = (name: string) => (name === 'id' ? 0 : KEY_NAME.test(name) ? 1 : 2);
  return unique
    .filter((c) => rank(c.name) < 2)
    .sort((a, b) => rank(a.name) - rank(b.name))
    .slice(0, 3)
    .map((c) => [c.name]);
}

/** Date/time columns, then integer key columns (ids that only grow). */
export function cursorCandidatesFrom(columns: DiscoveredColumn[], keys: string[][]): string[] {
  const times = columns.filter((c) => c.type === 'datetime' || c.type === 'date').map((c) => c.name);
  const intKeys = keys
    .filter((k) => k.length === 1)
    .map((k) => k[0] as string)
    .filter((n) => columns.find((c) => c.name === n)?.type === 'integer');
  return [...times, ...intKeys];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** The first value an incremental read asks for: the stored cursor moved back by `lookBack`. */
export function startValue(value: string | number, lookBack: number): string | number {
  if (lookBack === 0) return value;
  if (typeof value === 'number') return value - lookBack;
  if (ISO_DATE.test(value) || ISO_TIME.test(value)) {
    const t = Date.parse(ISO_DATE.test(value) ? `${value}T00:00:00Z` : value.replace(' ', 'T'));
    if (!Number.isNaN(t)) {
      const iso = new Date(t - lookBack * 1000).toISOString();
      return ISO_DATE.test(value) ? iso.slice(0, 10) : iso;
    }
  }
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) return Number(value) - lookBack;
  throw new SourceError(
    SourceErrorCodes.cursorInvalid,
    'A look-back needs a numeric or ISO date/time cursor value',
  );
}

/** Orders cursor values: numbers numerically, ISO dates/times by instant, anything else as text. */
export function compareCursor(a: FieldValue, b: string | number): number {
  if (a === null) return -1;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a);
    const y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  }
  const sa = String(a);
  const sb = String(b);
  if (ISO_TIME.test(sa) || ISO_DATE.test(sa)) {
    const x = Date.parse(ISO_DATE.test(sa) ? `${sa}T00:00:00Z` : sa);
    const y = Date.parse(ISO_DATE.test(sb) ? `${sb}T00:00:00Z` : sb);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  }
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** The larger of two cursor values (the first when either is undefined/null). */
export function maxCursor(a: string | number | undefined, b: FieldValue): string | number | undefined {
  if (b === null || typeof b === 'boolean') return a;
  if (a === undefined) return b;
  return compareCursor(b, a) > 0 ? b : a;
}

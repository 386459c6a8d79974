import type { DataObject } from '../catalog/types';
import type { Row } from './compile-expr';
import { parseIsoDateTime } from './period';

/**
 * Prepares raw records (e.g. parsed JSON) for the evaluator: date and datetime fields given as
 * ISO strings or `Date`s become epoch milliseconds, once, so that evaluation compares numbers.
 * Unparseable dates become null. Other fields are copied as they are.
 */
export function normalizeRecords(object: DataObject, rows: readonly Record<string, unknown>[]): Row[] {
  const temporal = object.fields.filter((f) => f.type === 'date' || f.type === 'datetime').map((f) => f.name);
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const name of temporal) {
      const v = row[name];
      if (v === undefined || v === null || typeof v === 'number') continue;
      if (v instanceof Date) out[name] = Number.isFinite(v.getTime()) ? v.getTime() : null;
      else out[name] = typeof v === 'string' ? (parseIsoDateTime(v) ?? null) : null;
    }
    return out;
  });
}

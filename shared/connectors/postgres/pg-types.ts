/**
 * How PostgreSQL values arrive: 64-bit integers and numerics as numbers (the KPI platform computes in
 * doubles; exact ones beyond 2^53 stay text), dates as `YYYY-MM-DD` (no time-zone shift), timestamps
 * without time zone read as UTC. Per client, so the process-wide `pg.types` stay untouched.
 */
import pg from 'pg';
import type { ColumnType } from '../../contracts/connector';

const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

const asNumber = (v: string) => {
  const n = Number(v);
  return Number.isFinite(n) && (Number.isSafeInteger(n) || !/^-?\d+$/.test(v)) ? n : v;
};

export const pgTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.int8 || oid === OID.numeric) return asNumber;
    if (oid === OID.date) return (v: string) => v;
    if (oid === OID.timestamp) return (v: string) => new Date(`${v.replace(' ', 'T')}Z`);
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads take the format literal
    return pg.types.getTypeParser(oid, format as any);
  },
} as pg.CustomTypesConfig;

/** `information_schema.columns.data_type` → the connector's column type. */
export function columnType(dataType: string): ColumnType {
  const t = dataType.toLowerCase();
  if (['smallint', 'integer', 'bigint'].includes(t)) return 'integer';
  if (['numeric', 'real', 'double precision', 'money'].includes(t)) return 'decimal';
  if (t === 'boolean') return 'boolean';
  if (t === 'date') return 'date';
  if (t.startsWith('timestamp')) return 'datetime';
  if (t === 'json' || t === 'jsonb' || t === 'array') return 'json';
  return 'string';
}

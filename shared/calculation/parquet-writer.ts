import { DuckDBTimestampValue } from '@duckdb/node-api';
import type { DataObject, Field, FieldType } from '../domain/catalog/types';
import { normalizeRecords } from '../domain/formula/records';
import type { DuckDbSession } from './duckdb-session';
import { duckDbDialect } from './sql/dialect';

/** Parquet column type of each field type: dates and datetimes are TIMESTAMP (UTC, no zone). */
export const PARQUET_TYPES: Readonly<Record<FieldType, string>> = {
  string: 'VARCHAR',
  enum: 'VARCHAR',
  integer: 'BIGINT',
  decimal: 'DOUBLE',
  money: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'TIMESTAMP',
  datetime: 'TIMESTAMP',
};

/** A value that does not fit its field's type; nothing is written. */
export class RecordTypeError extends Error {
  readonly code = 'LAKE.RECORD_TYPE';
  constructor(
    readonly object: string,
    readonly field: string,
    readonly row: number,
    readonly value: unknown,
  ) {
    super(`${object}.${field} (record ${row}): ${JSON.stringify(value)} does not fit the field's type`);
  }
}

let tableSeq = 0;

/**
 * Writes records of one object to one Parquet file with the object model's column types (every
 * field of the object, in declaration order; missing values are NULL). Dates may be epoch
 * milliseconds, ISO strings or `Date`s. Throws `RecordTypeError` before writing anything when a
 * value does not fit.
 */
export async function writeRecordsToParquet(
  session: DuckDbSession,
  object: DataObject,
  records: readonly Record<string, unknown>[],
  path: string,
): Promise<void> {
  const rows = normalizeRecords(object, records);
  rows.forEach((row, i) => {
    for (const f of object.fields)
      if (!fits(f, row[f.name])) throw new RecordTypeError(object.name, f.name, i, row[f.name]);
  });
  const q = duckDbDialect.quoteIdent;
  const tableName = `kpi_write_${++tableSeq}`;
  const table = q(tableName);
  const columns = object.fields.map((f) => `${q(f.name)} ${PARQUET_TYPES[f.type]}`).join(', ');
  await session.run(`CREATE TEMP TABLE ${table} (${columns})`);
  try {
    const appender = await session.raw.createAppender(tableName);
    for (const row of rows) {
      for (const f of object.fields) append(appender, f, row[f.name]);
      appender.endRow();
    }
    appender.closeSync();
    await session.run(`COPY ${table} TO ${duckDbDialect.stringLiteral(path)} (FORMAT parquet)`);
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

function fits(f: Field, v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (f.type) {
    case 'string':
      return typeof v === 'string';
    case 'enum':
      return typeof v === 'string' && (f.values ?? []).includes(v);
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'decimal':
    case 'money':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
    case 'datetime':
      return typeof v === 'number' && Number.isFinite(v);
  }
}

type Appender = Awaited<ReturnType<DuckDbSession['raw']['createAppender']>>;

function append(a: Appender, f: Field, v: unknown): void {
  if (v === null || v === undefined) {
    a.appendNull();
    return;
  }
  switch (f.type) {
    case 'string':
    case 'enum':
      a.appendVarchar(v as string);
      return;
    case 'integer':
      a.appendBigInt(BigInt(v as number));
      return;
    case 'decimal':
    case 'money':
      a.appendDouble(v as number);
      return;
    case 'boolean':
      a.appendBoolean(v as boolean);
      return;
    case 'date':
    case 'datetime':
      a.appendTimestamp(new DuckDBTimestampValue(BigInt(Math.round((v as number) * 1000))));
      return;
  }
}

/** JSON type each field is read as before conversion to its Parquet type (dates arrive as epoch ms). */
const JSON_READ_TYPES: Readonly<Record<FieldType, string>> = {
  string: 'VARCHAR',
  enum: 'VARCHAR',
  integer: 'BIGINT',
  decimal: 'DOUBLE',
  money: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DOUBLE',
  datetime: 'DOUBLE',
};

/**
 * The same file as `writeRecordsToParquet` for records already checked against the object's types (values
 * as the mapping yields them: numbers, text, booleans, epoch milliseconds for dates), written for bulk
 * loads: the batch goes to DuckDB as one newline-delimited JSON file that its native reader parses, instead
 * of one appender call per value. `scratch` is a file path DuckDB may read (deleted by the caller).
 */
export async function writeCheckedRecordsToParquet(
  session: DuckDbSession,
  object: DataObject,
  records: readonly Record<string, unknown>[],
  path: string,
  scratch: string,
): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(scratch, records.map((r) => JSON.stringify(r)).join('\n'));
  const q = duckDbDialect.quoteIdent;
  const lit = duckDbDialect.stringLiteral;
  const columns = object.fields.map((f) => `${lit(f.name)}: ${lit(JSON_READ_TYPES[f.type])}`).join(', ');
  const select = object.fields
    .map((f) =>
      f.type === 'date' || f.type === 'datetime'
        ? `make_timestamp(CAST(round(${q(f.name)} * 1000) AS BIGINT)) AS ${q(f.name)}`
        : q(f.name),
    )
    .join(', ');
  await session.run(
    `COPY (SELECT ${select} FROM read_json(${lit(scratch)}, format = 'newline_delimited', columns = {${columns}})) TO ${lit(path)} (FORMAT parquet)`,
  );
}

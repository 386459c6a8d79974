/**
 * The SQL dialect seam: everything the compiler writes that differs between engines. The
 * compiler never writes engine-specific text itself; a second dialect (Synapse serverless SQL,
 * Fabric, Databricks: see ../README.md) implements this interface.
 */
export interface SqlDialect {
  readonly name: string;
  quoteIdent(name: string): string;
  stringLiteral(value: string): string;
  /** A finite number as a double-precision literal (never an integer or decimal type). */
  doubleLiteral(value: number): string;
  booleanLiteral(value: boolean): string;
  /** `x` as a double (integer columns and date parts are widened so arithmetic never overflows). */
  toDouble(sql: string): string;
  /** Epoch milliseconds (a number) of a timestamp expression. */
  epochMs(timestampSql: string): string;
  /** Timestamp of an epoch-milliseconds expression (truncated to whole ms as JavaScript's `Date`). */
  timestampOfMs(msSql: string): string;
  /** A UTC calendar part of a timestamp as a number. */
  datePart(part: 'year' | 'quarter' | 'month' | 'isodow' | 'hour', timestampSql: string): string;
  /** `agg` restricted to rows where `condition` holds (FILTER clause or CASE inside). */
  filtered(fn: string, args: string, condition: string | null, distinct?: boolean): string;
  /** Continuous percentile (linear interpolation) of `sql` at `fraction` 0..1, over rows where `condition` holds. */
  percentile(sql: string, fraction: number, condition: string | null): string;
  /** NULL unless `sql` is a finite double. */
  finiteOrNull(sql: string): string;
  /** A relation reading Parquet files with the given columns (name → SQL type); empty list → no rows. */
  readParquet(files: readonly string[], columns: readonly (readonly [string, string])[]): string;
  /** The records of a relation with a non-null key, one per key: a to-one join never fans out. */
  onePerKey(relation: string, key: string): string;
  /** The start of the UTC month or day a timestamp falls in (a timestamp). */
  bucket(grain: 'month' | 'day', timestampSql: string): string;
  /** A literal table: rows of already-rendered literals with the given column names. */
  values(rows: readonly (readonly string[])[], columns: readonly string[]): string;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

function stringLiteral(value: string): string {
  // Standard SQL strings: only the quote is special. A NUL cannot sit inside a literal: chr(0).
  const parts = value.split('\u0000').map((p) => `'${p.replaceAll("'", "''")}'`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' || chr(0) || ')})`;
}

function doubleLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`CALC.INTERNAL: non-finite literal ${value}`);
  return `CAST(${String(value)} AS DOUBLE)`;
}

/** DuckDB (in-process, reads Parquet with read_parquet). */
export const duckDbDialect: SqlDialect = {
  name: 'duckdb',
  quoteIdent,
  stringLiteral,
  doubleLiteral,
  booleanLiteral: (v) => (v ? 'TRUE' : 'FALSE'),
  toDouble: (sql) => `CAST(${sql} AS DOUBLE)`,
  epochMs: (ts) => `(epoch_us(${ts}) / 1000.0)`,
  // JavaScript's Date truncates fractional ms toward zero; beyond ±8.64e15 ms it has no date (null).
  timestampOfMs: (ms) => `(CASE WHEN abs(${ms}) <= 8.64e15 THEN epoch_ms(CAST(trunc(${ms}) AS BIGINT)) END)`,
  datePart: (part, ts) => `CAST(${part}(${ts}) AS DOUBLE)`,
  filtered: (fn, args, condition, distinct) =>
    `${fn}(${distinct ? 'DISTINCT ' : ''}${args})${condition ? ` FILTER (WHERE ${condition})` : ''}`,
  percentile: (sql, fraction, condition) =>
    `quantile_cont(${sql}, ${doubleLiteral(fraction)})${condition ? ` FILTER (WHERE ${condition})` : ''}`,
  finiteOrNull: (sql) => `(CASE WHEN isfinite(${sql}) THEN ${sql} END)`,
  readParquet(files, columns) {
    const cols = columns.map(([n]) => quoteIdent(n)).join(', ');
    if (files.length === 0) {
      const typed = columns.map(([n, t]) => `CAST(NULL AS ${t}) AS ${quoteIdent(n)}`).join(', ');
      return `(SELECT ${typed} WHERE FALSE)`;
    }
    return `(SELECT ${cols} FROM read_parquet([${files.map(stringLiteral).join(', ')}], union_by_name = true))`;
  },
  bucket: (grain, ts) => `date_trunc('${grain}', ${ts})`,
  onePerKey(relation, key) {
    const k = quoteIdent(key);
    return `(SELECT * FROM ${relation} AS r WHERE r.${k} IS NOT NULL QUALIFY row_number() OVER (PARTITION BY r.${k}) = 1)`;
  },
  values: (rows, columns) =>
    `(SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(', ')})`).join(', ')}) AS t(${columns.map(quoteIdent).join(', ')}))`,
};

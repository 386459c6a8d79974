/**
 * The lake's Parquet engine: one in-process DuckDB (spill and home under the temp folder, LESSONS.md) that
 * writes a batch of mapped records with the object model's types (shared/calculation/parquet-writer) and
 * merges an object's files by primary key. Operations run one at a time: a single DuckDB connection.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbSession } from '@kpi/shared/calculation/duckdb-session';
import { writeCheckedRecordsToParquet } from '@kpi/shared/calculation/parquet-writer';
import { duckDbDialect } from '@kpi/shared/calculation/sql/dialect';
import type { DataObject } from '@kpi/shared/domain/catalog/types';

export interface WrittenParquet {
  bytes: Uint8Array;
  rows: number;
  /** Min and max of the object's time field (epoch ms), when it has one and rows have it. */
  time?: { from: number; to: number };
}

/** What the lake needs from a Parquet engine (DuckDB here; a fake is never needed: DuckDB runs in-process). */
export interface ParquetEngine {
  write(object: DataObject, records: readonly Record<string, unknown>[]): Promise<WrittenParquet>;
  /** Merges files (oldest first) into one: per primary key the last row written wins. */
  merge(object: DataObject, files: readonly Uint8Array[]): Promise<WrittenParquet>;
}

export class DuckDbParquet implements ParquetEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private seq = 0;

  private constructor(
    private readonly session: DuckDbSession,
    private readonly dir: string,
  ) {}

  static async open(options: { memoryLimit?: string; threads?: number } = {}): Promise<DuckDbParquet> {
    const dir = await mkdtemp(join(tmpdir(), 'kpi-lake-'));
    return new DuckDbParquet(await DuckDbSession.open({ ...options, workDir: dir }), dir);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Records already checked against the object's types (`mapRows` does it). */
  write(object: DataObject, records: readonly Record<string, unknown>[]): Promise<WrittenParquet> {
    return this.serial(async () => {
      const n = ++this.seq;
      const path = join(this.dir, `w${n}.parquet`);
      const scratch = join(this.dir, `w${n}.ndjson`);
      try {
        await writeCheckedRecordsToParquet(this.session, object, records, path, scratch);
        return { bytes: await readFile(path), rows: records.length, ...timeOf(object, records) };
      } finally {
        await Promise.all([rm(path, { force: true }), rm(scratch, { force: true })]);
      }
    });
  }

  merge(object: DataObject, files: readonly Uint8Array[]): Promise<WrittenParquet> {
    return this.serial(async () => {
      const n = ++this.seq;
      const inputs = await Promise.all(
        files.map(async (bytes, i) => {
          const p = join(this.dir, `m${n}-${String(i).padStart(6, '0')}.parquet`);
          await writeFile(p, bytes);
          return p;
        }),
      );
      const out = join(this.dir, `m${n}-out.parquet`);
      try {
        const q = duckDbDialect.quoteIdent;
        const lit = duckDbDialect.stringLiteral;
        const cols = object.fields.map((f) => q(f.name)).join(', ');
        const list = `[${inputs.map(lit).join(', ')}]`;
        const source = `read_parquet(${list}, filename = true, file_row_number = true)`;
        const key = object.primaryKey.map(q).join(', ');
        const select = key
          ? `SELECT ${cols} FROM (SELECT ${cols}, row_number() OVER (PARTITION BY ${key} ORDER BY list_position(${list}, filename) DESC, file_row_number DESC) AS kpi_rn FROM ${source}) WHERE kpi_rn = 1`
          : `SELECT ${cols} FROM ${source}`;
        await this.session.run(`COPY (${select}) TO ${lit(out)} (FORMAT parquet)`);
        const time = object.timeField ? q(object.timeField) : undefined;
        const [stats] = await this.session.query(
          `SELECT count(*)::BIGINT AS n${time ? `, epoch_ms(min(${time})) AS lo, epoch_ms(max(${time})) AS hi` : ''} FROM read_parquet(${lit(out)})`,
        );
        const lo = stats?.lo;
        const hi = stats?.hi;
        return {
          bytes: await readFile(out),
          rows: Number(stats?.n ?? 0),
          ...(lo !== null && lo !== undefined && hi !== null && hi !== undefined
            ? { time: { from: Number(lo), to: Number(hi) } }
            : {}),
        };
      } finally {
        await Promise.all([...inputs, out].map((p) => rm(p, { force: true })));
      }
    });
  }

  close(): void {
    this.session.close();
    void rm(this.dir, { recursive: true, force: true });
  }
}

function timeOf(object: DataObject, records: readonly Record<string, unknown>[]) {
  const field = object.timeField;
  if (!field) return {};
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const r of records) {
    const v = r[field];
    if (typeof v !== 'number') continue;
    if (v < from) from = v;
    if (v > to) to = v;
  }
  return from <= to ? { time: { from, to } } : {};
}

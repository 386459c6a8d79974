import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataObject } from '../domain/catalog/types';
import type { Dataset } from '../domain/formula/evaluate';
import type { DuckDbSession } from './duckdb-session';
import { writeRecordsToParquet } from './parquet-writer';

/**
 * Writes a data set (records per object, as the sample data and the evaluator hold them) to a
 * folder lake `<root>/<Object>/part-0.parquet`, for tests and benchmarks. Objects without records
 * get no file (they read as empty).
 */
export async function writeDatasetLake(
  session: DuckDbSession,
  objects: readonly DataObject[],
  data: Dataset,
  root: string,
): Promise<void> {
  for (const o of objects) {
    const rows = data[o.name];
    if (!rows || rows.length === 0) continue;
    mkdirSync(join(root, o.name), { recursive: true });
    await writeRecordsToParquet(session, o, rows, join(root, o.name, 'part-0.parquet'));
  }
}

/** Equal as the differential tests require: both null, or relative difference at most `tolerance`. */
export function sameValue(a: number | null, b: number | null, tolerance = 1e-9): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

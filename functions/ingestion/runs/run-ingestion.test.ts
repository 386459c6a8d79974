import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbParquet } from '../lake/duckdb-parquet';
import { erpSource, orderObject, runDeps, tableSource } from '../testing/fakes';
import { executeRun } from './run-ingestion';

let parquet: DuckDbParquet;
beforeAll(async () => {
  parquet = await DuckDbParquet.open();
});
afterAll(() => parquet.close());

type Row = Record<string, string | number | null>;
const order = (i: number, over: Row = {}): Row => ({
  id: `o${String(i).padStart(4, '0')}`,
  ordered_at: `2026-05-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`,
  status: 'open',
  amount: String(i),
  updated_at: `2026-05-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
  ...over,
});
const req = (runId: string, over: Record<string, unknown> = {}) => ({
  runId,
  mappingId: 'm-orders',
  trigger: 'http' as const,
  requestedBy: 't',
  cursorField: 'updated_at',
  batchSize: 10,
  ...over,
});

/** The live rows of the object, de-duplicated by key with the last file winning (what a reader computes). */
async function liveRows(t: ReturnType<typeof runDeps>) {
  const m = t.manifests.items.get('SalesOrder')?.manifest;
  if (!m) return new Map<string, unknown>();
  const bytes = m.files.map((f) => t.blobs.items.get(`lake/${f.path}`) as Uint8Array);
  const merged = await parquet.merge(orderObject, bytes);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const { writeFile, mkdtemp } = await import('node:fs/promises');
  const dir = await mkdtemp('/tmp/kpi-live-');
  await writeFile(`${dir}/x.parquet`, merged.bytes);
  const rows = (
    await c.runAndReadAll(`SELECT id, status, totalAmount FROM '${dir}/x.parquet'`)
  ).getRowObjectsJS();
  c.closeSync();
  db.closeSync();
  return new Map(rows.map((r) => [String(r.id), r]));
}

describe('ingestion runs', () => {
  it('a full load lands every row, sets the cursor and announces it; read = written + quarantined', async () => {
    const rows = Array.from({ length: 35 }, (_, i) => order(i));
    rows[7] = order(7, { amount: 'n/a' });
    rows[9] = order(9, { status: 'lost' });
    const t = runDeps(
      parquet,
      tableSource(() => rows),
    );
    const run = await executeRun(t.deps, req('r1', { mode: 'full' }));
    expect(run).toMatchObject({
      status: 'succeeded',
      rowsRead: 35,
      rowsWritten: 33,
      rowsQuarantined: 2,
      batches: 4,
    });
    expect(run.rowsRead).toBe(run.rowsWritten + run.rowsQuarantined);
    const m = t.manifests.items.get('SalesOrder')?.manifest;
    // A full refresh is one snapshot of the source: no compaction after it, even over the threshold (3).
    expect(m).toMatchObject({ rows: 33, keysUnique: false });
    expect(m?.files).toHaveLength(4);
    expect(t.cursors.get('m-orders')?.cursorValue).toBe(
      rows
        .map((r) => r.updated_at as string)
        .sort()
        .at(-1),
    );
    const q = [...t.quarantine.values()];
    expect(q.map((r) => [r.row, r.errors[0]?.field, r.errors[0]?.code])).toEqual([
      [8, 'totalAmount', 'VALUE.NOT_A_NUMBER'],
      [10, 'status', 'VALUE.ENUM_UNMAPPED'],
    ]);
    expect(t.publisher.published.map((p) => p.event.messageId)).toEqual(['ingestion.completed:r1']);
    // Redelivered: nothing again.
    await executeRun(t.deps, req('r1', { mode: 'full' }));
    expect(t.publisher.published).toHaveLength(1);
  });

  it('incremental picks up a changed row; compaction leaves one file with unique keys, last write wins', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => order(i));
    const t = runDeps(
      parquet,
      tableSource(() => rows),
    );
    await executeRun(t.deps, req('r1', { mode: 'full' }));
    rows[3] = order(3, { status: 'shipped', amount: '999', updated_at: '2026-05-02T00:00:00Z' });
    const inc = await executeRun(t.deps, req('r2'));
    expect(inc).toMatchObject({ mode: 'incremental', status: 'succeeded' });
    // The boundary row is read again (>=): upserted by key, never missed.
    expect(inc.rowsRead).toBe(2);
    const live = await liveRows(t);
    expect(live.size).toBe(20);
    expect(live.get('o0003')).toMatchObject({ status: 'shipped', totalAmount: 999 });
    const before = t.manifests.items.get('SalesOrder')?.manifest;
    const compacted = await t.deps.lake.compact(orderObject, 'c1');
    expect(compacted).toMatchObject({ keysUnique: true, rows: 20, version: (before?.version ?? 0) + 1 });
    expect(compacted?.files).toHaveLength(1);
    expect(compacted?.retired?.map((r) => r.path).sort()).toEqual(before?.files.map((f) => f.path).sort());
    expect((await liveRows(t)).get('o0003')).toMatchObject({ status: 'shipped' });
  });

  it('a source failing mid-run leaves the cursor at the last batch written; the next run loads the rest', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => order(i));
    let fail: number | undefined = 3;
    const t = runDeps(parquet, (s, r) =>
      tableSource(() => rows, fail === undefined ? {} : { failAt: fail })(s, r),
    );
    const first = await executeRun(t.deps, req('r1', { mode: 'incremental' }));
    expect(first).toMatchObject({ status: 'failed', rowsWritten: 30, batches: 3 });
    expect(first.errors.at(-1)?.code).toBe('SOURCE.PROTOCOL');
    expect(t.cursors.get('m-orders')?.cursorValue).toBe(rows[29]?.updated_at);
    expect(t.manifests.items.get('SalesOrder')?.manifest.rows).toBe(30);
    fail = undefined;
    const second = await executeRun(t.deps, req('r2'));
    expect(second).toMatchObject({ status: 'succeeded', cursorBefore: rows[29]?.updated_at });
    const live = await liveRows(t);
    expect([...live.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('retries a transient source error with back-off, then fails with the error kept', async () => {
    const t = runDeps(
      parquet,
      tableSource(() => [order(1)], { failAt: 0, code: 'SOURCE.UNREACHABLE' }),
    );
    const run = await executeRun(t.deps, req('r1', { mode: 'full' }));
    expect(run.status).toBe('failed');
    expect(run.errors.map((e) => e.code)).toEqual([
      'SOURCE.UNREACHABLE',
      'SOURCE.UNREACHABLE',
      'SOURCE.UNREACHABLE',
    ]);
    expect(t.manifests.items.size).toBe(0);
    expect(erpSource.id).toBe('erp');
  });
});

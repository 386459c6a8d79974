import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../domain/catalog/load-catalog';
import { DuckDbSession } from './duckdb-session';
import { writeRecordsToParquet } from './parquet-writer';

const invoice = loadCatalog().objects.find((o) => o.name === 'Invoice')!;
const record = {
  id: 'inv-\'1"',
  customerId: 'c1',
  orderId: null,
  issuedAt: '2024-02-29',
  dueAt: Date.UTC(2024, 2, 30, 12, 30, 0, 250),
  amount: 12.5,
  paidAmount: 0,
  paidAt: new Date(Date.UTC(2024, 2, 3)),
  status: 'paid',
  isDisputed: null,
  isElectronic: true,
  hasError: false,
  writtenOffAmount: 0,
};

let session: DuckDbSession;
const dir = mkdtempSync(join(tmpdir(), 'kpi-writer-'));
beforeAll(async () => {
  session = await DuckDbSession.open({ threads: 1 });
});
afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('writeRecordsToParquet', () => {
  it("writes every field with the object model's type; dates as UTC timestamps to the millisecond", async () => {
    const path = join(dir, 'invoice.parquet');
    await writeRecordsToParquet(session, invoice, [record, { ...record, id: 'inv-2', amount: null }], path);
    const types = await session.query(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({
      id: 'VARCHAR',
      issuedAt: 'TIMESTAMP',
      amount: 'DOUBLE',
      status: 'VARCHAR',
      isDisputed: 'BOOLEAN',
    });
    const rows = await session.query(
      `SELECT id, epoch_ms(issuedAt) AS issued, epoch_ms(dueAt) AS due, epoch_ms(paidAt) AS paid, amount, isDisputed, orderId FROM read_parquet('${path}') ORDER BY id DESC`,
    );
    expect(rows[0]).toEqual({
      id: 'inv-2',
      issued: BigInt(Date.UTC(2024, 1, 29)),
      due: BigInt(Date.UTC(2024, 2, 30, 12, 30, 0, 250)),
      paid: BigInt(Date.UTC(2024, 2, 3)),
      amount: null,
      isDisputed: null,
      orderId: null,
    });
    expect(rows[1]!.id).toBe('inv-\'1"');
  });

  it('refuses a value that does not fit its field and writes nothing', async () => {
    const path = join(dir, 'bad.parquet');
    await expect(
      writeRecordsToParquet(session, invoice, [record, { ...record, status: 'lost' }], path),
    ).rejects.toMatchObject({ code: 'LAKE.RECORD_TYPE', field: 'status', row: 1 });
    await expect(
      writeRecordsToParquet(session, invoice, [{ ...record, amount: '12' }], path),
    ).rejects.toMatchObject({
      code: 'LAKE.RECORD_TYPE',
      field: 'amount',
    });
    await expect(session.query(`SELECT * FROM read_parquet('${path}')`)).rejects.toThrow();
  });
});

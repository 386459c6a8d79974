import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../domain/catalog/load-catalog';
import { DuckDbSession } from './duckdb-session';
import { writeCheckedRecordsToParquet, writeRecordsToParquet } from './parquet-writer';

const invoice = loadCatalog().objects.find((o) => o.name === 'Invoice')!;
const records = [
  {
    id: 'inv-\'1"\n,x',
    customerId: 'c1',
    orderId: null,
    issuedAt: Date.UTC(2024, 1, 29),
    dueAt: Date.UTC(2024, 2, 30, 12, 30, 0, 250),
    amount: 12.5,
    paidAmount: 0,
    status: 'paid',
    isElectronic: true,
    hasError: false,
    writtenOffAmount: 0,
  },
  { id: 'inv-2', amount: null, issuedAt: -86_400_000, status: 'open', isDisputed: false },
];

let session: DuckDbSession;
const dir = mkdtempSync(join(tmpdir(), 'kpi-writer-checked-'));
beforeAll(async () => {
  session = await DuckDbSession.open({ threads: 1 });
});
afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('writeCheckedRecordsToParquet', () => {
  it('writes the same schema and values as writeRecordsToParquet (bulk path for checked records)', async () => {
    const a = join(dir, 'a.parquet');
    const b = join(dir, 'b.parquet');
    await writeRecordsToParquet(session, invoice, records, a);
    await writeCheckedRecordsToParquet(session, invoice, records, b, join(dir, 'b.ndjson'));
    const describe = (p: string) => session.query(`DESCRIBE SELECT * FROM read_parquet('${p}')`);
    expect(await describe(b)).toEqual(await describe(a));
    const diff = await session.query(
      `SELECT count(*)::INTEGER AS n FROM ((SELECT * FROM read_parquet('${a}') EXCEPT ALL SELECT * FROM read_parquet('${b}'))
        UNION ALL (SELECT * FROM read_parquet('${b}') EXCEPT ALL SELECT * FROM read_parquet('${a}')))`,
    );
    expect(diff[0]?.n).toBe(0);
    expect((await session.query(`SELECT count(*)::INTEGER AS n FROM read_parquet('${b}')`))[0]?.n).toBe(2);
  });
});

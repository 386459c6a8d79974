import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPglite, startPglite } from '../../../local/demo-sources/pglite-server';
import { freePort } from '../../../local/net';
import { type PostgresDefinition, postgresDefinitionSchema } from '../../contracts/connector';
import { capturingLogger, collect, MemorySecretStore } from '../fixtures';
import { PostgresSource } from './pg-source';

let pglite: RunningPglite;
let def: PostgresDefinition;
const secrets = new MemorySecretStore();
const { log, lines } = capturingLogger();
const source = new PostgresSource({ secrets, log });
const PASSWORD = 'pg-Secret-4711-xyz';

beforeAll(async () => {
  pglite = await startPglite({ port: await freePort() });
  await pglite.db.exec(`
    create schema erp;
    create table erp.orders (id integer primary key, customer text not null, amount numeric(12,2),
                             updated_at timestamptz not null, big bigint, shipped date);
    create unique index orders_customer_id on erp.orders (customer, id);
    create table erp.notes (body text);
    insert into erp.orders
      select i, 'C' || (i % 7), i * 1.5, timestamptz '2024-01-01 00:00:00+00' + (i / 10) * interval '1 hour',
             9007199254740993, date '2024-01-01' + i
        from generate_series(1, 95) as i;
    insert into erp.notes values ('x'), ('y');`);
  await secrets.set('erp-password', PASSWORD, 'text/plain');
  def = postgresDefinitionSchema.parse({
    type: 'postgresql',
    host: pglite.host,
    port: pglite.port,
    database: 'postgres',
    user: 'postgres',
    passwordSecretRef: 'erp-password',
    sslMode: 'disable',
    schema: 'erp',
  });
});

afterAll(async () => {
  await pglite?.stop();
});

describe('PostgresSource against PGlite over TCP', () => {
  it('tests the connection and reports the server', async () => {
    const r = await source.test(def);
    expect(r).toMatchObject({ ok: true });
    expect(r.ok && r.serverInfo).toMatch(/^PostgreSQL \d+/);
  });

  it('reports a missing schema, a refused port, a missing secret and TLS as stable codes', async () => {
    expect(await source.test({ ...def, schema: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'SOURCE.NOT_FOUND' },
    });
    const closed = await freePort();
    expect(await source.test({ ...def, port: closed })).toMatchObject({
      ok: false,
      error: { code: 'SOURCE.UNREACHABLE' },
    });
    expect(await source.test({ ...def, passwordSecretRef: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'SOURCE.SECRET_MISSING' },
    });
    // PGlite answers the SSLRequest with "N": a definition that requires TLS must fail, never fall back.
    expect(await source.test({ ...def, sslMode: 'require' })).toMatchObject({
      ok: false,
      error: { code: 'SOURCE.TLS' },
    });
  });

  it('discovers tables, columns, keys, cursor candidates, estimates and samples', async () => {
    const schema = await source.discover(def, { sampleRows: 3 });
    const orders = schema.streams.find((s) => s.name === 'orders');
    expect(schema.streams.map((s) => s.name)).toEqual(expect.arrayContaining(['notes', 'orders']));
    expect(orders?.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
      ['id', 'integer', false],
      ['customer', 'string', false],
      ['amount', 'decimal', true],
      ['updated_at', 'datetime', false],
      ['big', 'integer', true],
      ['shipped', 'date', true],
    ]);
    expect(orders?.keyCandidates).toEqual([['id'], ['customer', 'id']]);
    expect(orders?.cursorCandidates).toEqual(['updated_at', 'shipped', 'id']);
    expect(orders?.rowEstimate).toBe(95);
    expect(orders?.sampleRows).toHaveLength(3);
    expect(orders?.sampleRows[0]).toMatchObject({ id: 1, amount: 1.5, shipped: '2024-01-02' });
    // Beyond 2^53 a bigint stays exact as text.
    expect(orders?.sampleRows[0]?.big).toBe('9007199254740993');
    expect(schema.streams.find((s) => s.name === 'notes')?.keyCandidates).toEqual([]);
  });

  it('reads everything in batches with the state advancing per batch', async () => {
    const batches = await collect(
      source.read(def, { stream: 'orders', cursorField: 'updated_at', batchSize: 40 }),
    );
    expect(batches.map((b) => b.records.length)).toEqual([40, 40, 15]);
    expect(batches.map((b) => b.done)).toEqual([false, false, true]);
    expect(batches[0]?.state).toEqual({
      stream: 'orders',
      cursorField: 'updated_at',
      cursorValue: '2024-01-01T04:00:00.000Z',
      recordsRead: 40,
    });
    expect(batches[2]?.state.cursorValue).toBe('2024-01-01T09:00:00.000Z');
    expect(batches.flatMap((b) => b.records).map((r) => r.id)).toEqual(
      Array.from({ length: 95 }, (_, i) => i + 1),
    );
  });

  it('reads incrementally from >= the cursor, with boundary rows again and a look-back', async () => {
    const again = await collect(
      source.read(def, {
        stream: 'orders',
        cursorField: 'updated_at',
        cursorValue: '2024-01-01T09:00:00.000Z',
      }),
    );
    // Rows 90..95 share the last hour: all are read again (ingestion upserts by id), none lost.
    expect(again.flatMap((b) => b.records).map((r) => r.id)).toEqual([90, 91, 92, 93, 94, 95]);
    const lookBack = await collect(
      source.read(def, {
        stream: 'orders',
        cursorField: 'updated_at',
        cursorValue: '2024-01-01T09:00:00.000Z',
        lookBack: 3600,
      }),
    );
    expect(lookBack.flatMap((b) => b.records)).toHaveLength(16);
    const byId = await collect(
      source.read(def, { stream: 'orders', cursorField: 'id', cursorValue: 94, batchSize: 1 }),
    );
    expect(byId.map((b) => b.state.cursorValue)).toEqual([94, 95, 95]);
  });

  it('loses no row at a crowded cursor boundary over repeated runs (LESSONS.md)', async () => {
    await pglite.db.exec(`
      create table erp.events (id integer primary key, at timestamptz not null);
      insert into erp.events select i, timestamptz '2024-03-01 12:00:00+00' from generate_series(1, 300) as i;`);
    const read = async (cursorValue?: string | number) =>
      collect(
        source.read(def, {
          stream: 'events',
          cursorField: 'at',
          batchSize: 64,
          ...(cursorValue ? { cursorValue } : {}),
        }),
      );
    const first = await read();
    const state = first.at(-1)?.state.cursorValue;
    expect(first.flatMap((b) => b.records)).toHaveLength(300);
    // Written after the first run, at the same instant as the top cursor value and later.
    await pglite.db.exec(`
      insert into erp.events select i, timestamptz '2024-03-01 12:00:00+00' from generate_series(301, 350) as i;
      insert into erp.events values (351, timestamptz '2024-03-01 12:00:01+00');`);
    const second = await read(state);
    const seen = new Set([...first, ...second].flatMap((b) => b.records.map((r) => r.id)));
    expect(seen.size).toBe(351);
    expect(second.at(-1)?.state.cursorValue).toBe('2024-03-01T12:00:01.000Z');
  });

  it('rejects unknown streams and cursor fields with stable codes', async () => {
    await expect(collect(source.read(def, { stream: 'nope' }))).rejects.toMatchObject({
      code: 'SOURCE.STREAM_UNKNOWN',
    });
    await expect(collect(source.read(def, { stream: 'orders', cursorField: 'nope' }))).rejects.toMatchObject({
      code: 'SOURCE.CURSOR_INVALID',
    });
  });

  it('never writes the password into results or logs', async () => {
    await source.test({ ...def, port: await freePort() });
    await source.discover(def);
    await collect(source.read(def, { stream: 'notes' }));
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });
});

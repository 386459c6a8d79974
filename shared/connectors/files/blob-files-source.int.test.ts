import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAzurite, startAzurite } from '../../../local/azurite/azurite';
import { freePort } from '../../../local/net';
import { type BlobFilesDefinition, blobFilesDefinitionSchema } from '../../contracts/connector';
import { AzureBlobStore } from '../../platform/blob/azure-blob-store';
import { capturingLogger, collect, MemorySecretStore } from '../fixtures';
import { BlobFilesSource, globToRegExp } from './blob-files-source';

let azurite: RunningAzurite;
let dataDir: string;
let source: BlobFilesSource;
const enc = (s: string) => new TextEncoder().encode(s);
const def = (extra: object) =>
  blobFilesDefinitionSchema.parse({
    type: 'blob-files',
    container: 'drops',
    format: { format: 'csv' },
    ...extra,
  }) as BlobFilesDefinition;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-files-'));
  azurite = await startAzurite({
    dataDir,
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  const blobs = AzureBlobStore.fromConnection({ kind: 'connectionString', value: azurite.connectionString });
  // Three daily drops of one table by the client's own job, plus a file of another kind.
  await blobs.putBytes(
    'drops',
    'erp/orders/2024-01-01.csv',
    enc('id,updatedAt\n1,2024-01-01T08:00:00Z\n2,2024-01-01T09:00:00Z'),
    'text/csv',
  );
  await blobs.putBytes(
    'drops',
    'erp/orders/2024-01-02.csv',
    enc('id,updatedAt\n3,2024-01-02T08:00:00Z\n2,2024-01-02T09:00:00Z'),
    'text/csv',
  );
  await blobs.putBytes(
    'drops',
    'erp/orders/2024-01-03.csv',
    enc('id,updatedAt\n4,2024-01-03T08:00:00Z'),
    'text/csv',
  );
  await blobs.putBytes('drops', 'erp/customers.csv', enc('id;name\nC1;Ann'), 'text/csv');
  await blobs.putBytes('drops', 'erp/readme.txt.bak', enc('x'), 'text/plain');
  source = new BlobFilesSource({ secrets: new MemorySecretStore(), log: capturingLogger().log, blobs });
});

afterAll(async () => {
  await azurite?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('BlobFilesSource against Azurite', () => {
  it('groups daily drops into one stream by glob and reads them in name order', async () => {
    const d = def({ prefix: 'erp/', streams: [{ name: 'orders', glob: 'orders/*.csv' }] });
    expect(await source.test(d)).toMatchObject({ ok: true, serverInfo: '3 file(s), 1 stream(s)' });
    const batches = await collect(source.read(d, { stream: 'orders', batchSize: 2 }));
    expect(batches.flatMap((b) => b.records).map((r) => r.id)).toEqual(['1', '2', '3', '2', '4']);
    const since = await collect(
      source.read(d, {
        stream: 'orders',
        cursorField: 'updatedAt',
        cursorValue: '2024-01-02T09:00:00Z',
        batchSize: 1,
      }),
    );
    expect(since.flatMap((b) => b.records).map((r) => r.id)).toEqual(['2', '4']);
    expect(since[0]?.state.cursorValue).toBe('2024-01-02T09:00:00Z');
    expect(since.at(-1)?.state.cursorValue).toBe('2024-01-03T08:00:00Z');
  });

  it('makes one stream per file without globs and discovers each', async () => {
    const schema = await source.discover(def({ prefix: 'erp/' }));
    expect(schema.streams.map((s) => [s.name, s.rowEstimate])).toEqual([
      ['customers', 1],
      ['orders/2024-01-01', 2],
      ['orders/2024-01-02', 2],
      ['orders/2024-01-03', 1],
    ]);
    expect(schema.streams[0]?.columns.map((c) => c.name)).toEqual(['id', 'name']);
    expect(schema.streams[1]?.cursorCandidates).toEqual(['updatedAt', 'id']);
  });

  it('reports an empty prefix as NOT_FOUND and an unknown stream as STREAM_UNKNOWN', async () => {
    expect(await source.test(def({ prefix: 'nothing/' }))).toMatchObject({
      ok: false,
      error: { code: 'SOURCE.NOT_FOUND' },
    });
    expect(await source.test(def({ container: 'no-such-container' }))).toMatchObject({
      ok: false,
      error: { code: 'SOURCE.NOT_FOUND' },
    });
    await expect(collect(source.read(def({}), { stream: 'nope' }))).rejects.toMatchObject({
      code: 'SOURCE.STREAM_UNKNOWN',
    });
  });

  it('matches globs within and across folders', () => {
    expect(globToRegExp('orders/*.csv').test('orders/2024-01-01.csv')).toBe(true);
    expect(globToRegExp('orders/*.csv').test('orders/x/2024.csv')).toBe(false);
    expect(globToRegExp('**/*.csv').test('a/b/c.csv')).toBe(true);
    expect(globToRegExp('a?.csv').test('ab.csv')).toBe(true);
  });
});

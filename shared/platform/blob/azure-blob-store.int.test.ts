import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAzurite, startAzurite } from '../../../local/azurite/azurite';
import { freePort } from '../../../local/net';
import { AzureBlobStore } from './azure-blob-store';

let azurite: RunningAzurite;
let dataDir: string;
let store: AzureBlobStore;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-blob-'));
  azurite = await startAzurite({
    dataDir,
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  store = AzureBlobStore.fromConnection({ kind: 'connectionString', value: azurite.connectionString });
});

afterAll(async () => {
  await azurite?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('AzureBlobStore', () => {
  it('puts and gets JSON, creating the container on demand', async () => {
    await store.putJson('ingestion', 'contoso/batch-1.json', { rows: [1, 2, 3], name: 'ü' });
    expect(await store.getJson('ingestion', 'contoso/batch-1.json')).toEqual({ rows: [1, 2, 3], name: 'ü' });
    const bytes = await store.getBytes('ingestion', 'contoso/batch-1.json');
    expect(bytes?.contentType).toBe('application/json; charset=utf-8');
  });

  it('puts and gets bytes with their content type', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    await store.putBytes('files', 'logo.png', png, 'image/png');
    const got = await store.getBytes('files', 'logo.png');
    expect(got?.contentType).toBe('image/png');
    expect([...(got?.bytes ?? [])]).toEqual([...png]);
  });

  it('returns undefined / empty for missing blobs and containers', async () => {
    expect(await store.getJson('ingestion', 'nope.json')).toBeUndefined();
    expect(await store.getBytes('no-such-container', 'x')).toBeUndefined();
    expect(await store.list('no-such-container')).toEqual([]);
    expect(await store.delete('no-such-container', 'x')).toBe(false);
  });

  it('lists by prefix in name order and deletes', async () => {
    await store.putJson('lists', 'a/2.json', 2);
    await store.putJson('lists', 'a/1.json', 1);
    await store.putJson('lists', 'b/1.json', 3);
    const listed = await store.list('lists', 'a/');
    expect(listed.map((b) => b.name)).toEqual(['a/1.json', 'a/2.json']);
    expect(listed[0]).toMatchObject({ size: 1, contentType: 'application/json; charset=utf-8' });
    expect(listed[0]?.lastModified).toBeInstanceOf(Date);
    expect(await store.delete('lists', 'a/1.json')).toBe(true);
    expect(await store.delete('lists', 'a/1.json')).toBe(false);
    expect((await store.list('lists')).map((b) => b.name)).toEqual(['a/2.json', 'b/1.json']);
  });
});

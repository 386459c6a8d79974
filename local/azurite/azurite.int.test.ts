import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../net';
import { type RunningAzurite, startAzurite } from './azurite';

describe('startAzurite (in-process Azurite)', () => {
  let dataDir: string;
  let ports: { blobPort: number; queuePort: number; tablePort: number };
  const webKey = randomBytes(32).toString('base64');
  let running: RunningAzurite | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kpi-azurite-'));
    ports = { blobPort: await freePort(), queuePort: await freePort(), tablePort: await freePort() };
  });
  afterAll(async () => {
    await running?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = () => startAzurite({ dataDir, ...ports, extraAccounts: { webconfig: webKey } });

  it('uploads and downloads a blob, and it survives a restart', async () => {
    running = await start();
    const service = BlobServiceClient.fromConnectionString(running.connectionString);
    const container = service.getContainerClient('persist-check');
    await container.createIfNotExists();
    const body = `hello ${Date.now()}`;
    await container.getBlockBlobClient('a/b.txt').upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: 'text/plain' },
    });
    expect((await container.getBlockBlobClient('a/b.txt').downloadToBuffer()).toString()).toBe(body);

    await running.stop();
    running = undefined;
    // Stopped really means stopped: the port no longer answers.
    await expect(fetch(`http://127.0.0.1:${ports.blobPort}/`)).rejects.toThrow();

    running = await start();
    const again = BlobServiceClient.fromConnectionString(running.connectionString).getContainerClient(
      'persist-check',
    );
    const props = await again.getBlockBlobClient('a/b.txt').getProperties();
    expect(props.contentType).toBe('text/plain');
    expect((await again.getBlockBlobClient('a/b.txt').downloadToBuffer()).toString()).toBe(body);
  });

  it('serves an extra account with its own key, separate from devstoreaccount1', async () => {
    running ??= await start();
    const web = running.accounts.webconfig;
    expect(web).toBeDefined();
    if (!web) return;
    const service = BlobServiceClient.fromConnectionString(web.connectionString);
    const site = service.getContainerClient('$web');
    await site.createIfNotExists({ access: 'blob' });
    await site.getBlockBlobClient('index.html').upload('<h1>config</h1>', 15, {
      blobHTTPHeaders: { blobContentType: 'text/html' },
    });
    // Public read through the account's path-style URL, as a gateway would do.
    const res = await fetch(`${web.blobEndpoint}/$web/index.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toBe('<h1>config</h1>');

    // The account is isolated: devstoreaccount1 has no $web container.
    const dev = BlobServiceClient.fromConnectionString(running.connectionString);
    expect(await dev.getContainerClient('$web').exists()).toBe(false);

    // A wrong key for the extra account is refused.
    const wrong = new BlobServiceClient(
      web.blobEndpoint,
      new StorageSharedKeyCredential('webconfig', randomBytes(32).toString('base64')),
    );
    await expect(wrong.getContainerClient('$web').getProperties()).rejects.toMatchObject({ statusCode: 403 });
  });
});

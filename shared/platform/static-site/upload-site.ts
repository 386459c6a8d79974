import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { cacheControlFor, contentTypeFor, listSiteFiles, revalidateCacheControl } from './site-files';
import { runtimeConfigOrigins, withConnectSources } from './site-headers';

/** Where and what to upload. */
export interface UploadSiteOptions {
  /** A client for the site's storage account (Azure: built with a credential; locally: from a connection string). */
  blobServiceClient?: BlobServiceClient;
  /** Connection string of the site's storage account; used when no client is given. */
  connectionString?: string;
  /** Folder of the built UI (`web/<app>/dist`); must contain index.html. */
  distDir: string;
  /** Written as `config.json` beside index.html; read by the UI at start-up. */
  runtimeConfig: Readonly<Record<string, unknown>>;
  /** Container of the static website; `$web` unless testing. */
  containerName?: string;
  /** Parallel uploads. */
  concurrency?: number;
}

/** What an upload did. */
export interface UploadSiteResult {
  /** URL of the container (`…/$web`). */
  containerUrl: string;
  /** Site paths written, config.json included. */
  uploaded: string[];
  /** Blobs of an earlier upload that are no longer part of the site. */
  removed: string[];
}

const configFile = 'config.json';
const indexFile = 'index.html';

/**
 * Uploads a built UI into a static-website container, the same code locally (Azurite) and at
 * deployment: creates the container with public blob access when missing, sets Content-Type and
 * Cache-Control per file (immutable for hashed assets, no-cache for index.html and config.json),
 * writes config.json, and deletes blobs left from a previous upload. index.html goes last so a
 * visitor never gets an entry page that points at assets not yet uploaded.
 */
export async function uploadSite(options: UploadSiteOptions): Promise<UploadSiteResult> {
  const service = blobService(options);
  const container = service.getContainerClient(options.containerName ?? '$web');
  const files = await listSiteFiles(options.distDir);
  if (!files.includes(indexFile)) {
    throw new Error(`SITE.INDEX_MISSING: ${options.distDir} has no ${indexFile}; build the UI first`);
  }
  // public blob access: the gateway (locally) and browsers read the files anonymously.
  await container.createIfNotExists({ access: 'blob' });

  const assets = files.filter((f) => f !== indexFile && f !== configFile);
  await inParallel(assets, options.concurrency ?? 8, async (path) =>
    upload(container, path, await readFile(join(options.distDir, path))),
  );
  await upload(container, configFile, Buffer.from(`${JSON.stringify(options.runtimeConfig, null, 2)}\n`));
  // The page's own CSP may reach exactly the API and identity origins this runtime config names.
  const index = withConnectSources(
    await readFile(join(options.distDir, indexFile), 'utf8'),
    runtimeConfigOrigins(options.runtimeConfig),
  );
  await upload(container, indexFile, Buffer.from(index));

  const keep = new Set([...assets, configFile, indexFile]);
  const removed: string[] = [];
  for await (const blob of container.listBlobsFlat()) {
    if (!keep.has(blob.name)) removed.push(blob.name);
  }
  await inParallel(removed, options.concurrency ?? 8, async (name) => {
    await container.deleteBlob(name, { deleteSnapshots: 'include' });
  });
  return { containerUrl: container.url, uploaded: [...keep].sort(), removed: removed.sort() };
}

function blobService(options: UploadSiteOptions): BlobServiceClient {
  if (options.blobServiceClient) return options.blobServiceClient;
  if (options.connectionString) return BlobServiceClient.fromConnectionString(options.connectionString);
  throw new Error('SITE.NO_STORAGE: uploadSite needs blobServiceClient or connectionString');
}

async function upload(container: ContainerClient, path: string, body: Buffer): Promise<void> {
  await container.getBlockBlobClient(path).uploadData(body, {
    blobHTTPHeaders: {
      blobContentType: contentTypeFor(path),
      blobCacheControl: path === configFile ? revalidateCacheControl : cacheControlFor(path),
    },
  });
}

/** Runs `work` over `items` with at most `limit` at a time; rejects on the first failure. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

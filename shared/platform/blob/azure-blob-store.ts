import { BlobServiceClient, type ContainerClient, RestError } from '@azure/storage-blob';
import type { Connection } from '../config';
import { azureCredential, connectionKey } from '../identity';
import type { BlobBytes, BlobInfo, BlobStore } from './ports';

const JSON_TYPE = 'application/json; charset=utf-8';
const services = new Map<string, BlobServiceClient>();

/** One `BlobServiceClient` per connection per process (Azurite connection string, or blob URI + identity). */
export function blobServiceClient(connection: Connection): BlobServiceClient {
  const key = connectionKey(connection);
  let client = services.get(key);
  if (!client) {
    client =
      connection.kind === 'identity'
        ? new BlobServiceClient(connection.endpoint, azureCredential())
        : BlobServiceClient.fromConnectionString(connection.value);
    services.set(key, client);
  }
  return client;
}

const isNotFound = (err: unknown) => err instanceof RestError && err.statusCode === 404;

/** `BlobStore` on Azure Blob Storage / Azurite. */
export class AzureBlobStore implements BlobStore {
  private readonly ensured = new Map<string, Promise<unknown>>();

  constructor(private readonly service: BlobServiceClient) {}

  static fromConnection(connection: Connection): AzureBlobStore {
    return new AzureBlobStore(blobServiceClient(connection));
  }

  /** Creates the container once per process, on first write. */
  private async writable(container: string): Promise<ContainerClient> {
    const client = this.service.getContainerClient(container);
    let ready = this.ensured.get(container);
    if (!ready) {
      ready = client.createIfNotExists().catch((err) => {
        this.ensured.delete(container);
        throw err;
      });
      this.ensured.set(container, ready);
    }
    await ready;
    return client;
  }

  async putJson(container: string, name: string, value: unknown): Promise<void> {
    await this.putBytes(container, name, Buffer.from(JSON.stringify(value), 'utf8'), JSON_TYPE);
  }

  async getJson(container: string, name: string): Promise<unknown | undefined> {
    const blob = await this.getBytes(container, name);
    return blob === undefined ? undefined : JSON.parse(Buffer.from(blob.bytes).toString('utf8'));
  }

  async putBytes(container: string, name: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const client = await this.writable(container);
    await client
      .getBlockBlobClient(name)
      .uploadData(bytes, { blobHTTPHeaders: { blobContentType: contentType } });
  }

  async getBytes(container: string, name: string): Promise<BlobBytes | undefined> {
    const blob = this.service.getContainerClient(container).getBlobClient(name);
    try {
      const props = await blob.getProperties();
      const bytes = await blob.downloadToBuffer();
      return {
        bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        contentType: props.contentType,
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async list(container: string, prefix?: string): Promise<BlobInfo[]> {
    const out: BlobInfo[] = [];
    try {
      const iter = this.service.getContainerClient(container).listBlobsFlat(prefix ? { prefix } : undefined);
      for await (const b of iter) {
        out.push({
          name: b.name,
          size: b.properties.contentLength ?? 0,
          contentType: b.properties.contentType,
          lastModified: b.properties.lastModified,
        });
      }
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
    return out;
  }

  async delete(container: string, name: string): Promise<boolean> {
    try {
      const res = await this.service.getContainerClient(container).getBlobClient(name).deleteIfExists();
      return res.succeeded;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }
}

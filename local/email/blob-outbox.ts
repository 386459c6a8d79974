import { type BlobServiceClient, type ContainerClient, RestError } from '@azure/storage-blob';
import type { OutboxMessage, OutboxStore } from './outbox';

/** Blob container holding the local outbox, one JSON blob per message. */
export const outboxContainerName = 'email-outbox';

const blobName = (id: string) => `${id}.json`;

/** The outbox kept in Blob Storage (Azurite locally): `email-outbox/<id>.json`. */
export class BlobOutbox implements OutboxStore {
  private readonly container: ContainerClient;
  private ready: Promise<unknown> | undefined;

  constructor(service: BlobServiceClient, containerName = outboxContainerName) {
    this.container = service.getContainerClient(containerName);
  }

  private ensure(): Promise<unknown> {
    this.ready ??= this.container.createIfNotExists().catch((err) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  async add(message: OutboxMessage): Promise<boolean> {
    await this.ensure();
    const body = JSON.stringify(message, null, 2);
    try {
      // If-None-Match: * makes "one message per id" atomic, even for concurrent retries.
      await this.container.getBlockBlobClient(blobName(message.id)).upload(body, Buffer.byteLength(body), {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return true;
    } catch (err) {
      if (err instanceof RestError && (err.statusCode === 409 || err.statusCode === 412)) return false;
      throw err;
    }
  }

  async get(id: string): Promise<OutboxMessage | undefined> {
    await this.ensure();
    try {
      const buffer = await this.container.getBlockBlobClient(blobName(id)).downloadToBuffer();
      return JSON.parse(buffer.toString('utf8')) as OutboxMessage;
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 404) return undefined;
      throw err;
    }
  }

  async list(): Promise<OutboxMessage[]> {
    await this.ensure();
    const messages: OutboxMessage[] = [];
    for await (const blob of this.container.listBlobsFlat()) {
      const buffer = await this.container.getBlockBlobClient(blob.name).downloadToBuffer();
      messages.push(JSON.parse(buffer.toString('utf8')) as OutboxMessage);
    }
    return messages.sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id));
  }
}

/** Every message in the Blob outbox of `service`, oldest first (for tests and the UIs). */
export function listOutbox(service: BlobServiceClient): Promise<OutboxMessage[]> {
  return new BlobOutbox(service).list();
}

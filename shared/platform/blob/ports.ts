/** Blob storage port: use cases depend on this, never on the Storage SDK. */

export interface BlobInfo {
  name: string;
  size: number;
  contentType?: string;
  lastModified?: Date;
}

export interface BlobBytes {
  bytes: Uint8Array;
  contentType?: string;
}

/** Containers are created on demand by writes; reads of a missing container or blob return undefined. */
export interface BlobStore {
  putJson(container: string, name: string, value: unknown): Promise<void>;
  getJson(container: string, name: string): Promise<unknown | undefined>;
  putBytes(container: string, name: string, bytes: Uint8Array, contentType: string): Promise<void>;
  getBytes(container: string, name: string): Promise<BlobBytes | undefined>;
  /** All blobs whose name starts with `prefix`, in name order. */
  list(container: string, prefix?: string): Promise<BlobInfo[]>;
  /** True when something was deleted. */
  delete(container: string, name: string): Promise<boolean>;
}

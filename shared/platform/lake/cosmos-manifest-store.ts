/**
 * `ManifestStore` on a Cosmos container with partition key `/id` (the client deployment's `lake-manifest`,
 * owned by ingestion; calculation reads it). The app names the container; this adapter only reads and writes.
 */
import type { Container } from '@azure/cosmos';
import { type LakeManifest, lakeManifestSchema } from '../../contracts/lake';
import { cosmosStatus } from '../cosmos/partitioned-store';
import { conflict, preconditionFailed } from '../errors';
import type { ManifestStore, StoredManifest } from './ports';

export class CosmosManifestStore implements ManifestStore {
  constructor(private readonly container: Container) {}

  async get(object: string): Promise<StoredManifest | undefined> {
    const res = await this.container.item(object, object).read();
    if (res.statusCode === 404 || !res.resource) return undefined;
    return { manifest: lakeManifestSchema.parse(res.resource), etag: res.resource._etag as string };
  }

  async put(manifest: LakeManifest, etag: string | undefined): Promise<string> {
    try {
      if (etag === undefined) {
        const res = await this.container.items.create(manifest);
        return res.resource?._etag as string;
      }
      const res = await this.container
        .item(manifest.id, manifest.id)
        .replace(manifest, { accessCondition: { type: 'IfMatch', condition: etag } });
      return res.resource?._etag as string;
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 409)
        throw conflict('LAKE.MANIFEST_RACE', `The ${manifest.id} manifest was created meanwhile`);
      if (status === 412)
        throw preconditionFailed('LAKE.MANIFEST_RACE', `The ${manifest.id} manifest changed meanwhile`);
      throw err;
    }
  }
}

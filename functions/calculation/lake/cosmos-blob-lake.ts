/**
 * The lake as the calculation reads it: each object's manifest from the deployment's Cosmos container
 * `lake-manifest` (documents `lakeManifestSchema`, id = object name) and its Parquet files from the Blob
 * container `lake`, downloaded once into a local cache (files are immutable: a load writes new names).
 * Kept in this one file so it can give way to ingestion's shared LakeFiles adapter when that lands.
 */
import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import type { Container } from '@azure/cosmos';
import type { ContainerClient } from '@azure/storage-blob';
import { type LakeManifest, lakeManifestSchema } from '@kpi/shared/contracts/lake';
import type { LakeSource } from '../recompute/calculation';

export class CosmosBlobLake implements LakeSource {
  private readonly downloads = new Map<string, Promise<string>>();

  constructor(
    private readonly manifestsContainer: Container,
    private readonly blobs: ContainerClient,
    private readonly cacheDir: string,
  ) {}

  async manifests(objects: readonly string[]): Promise<Map<string, LakeManifest>> {
    const out = new Map<string, LakeManifest>();
    await Promise.all(
      objects.map(async (object) => {
        // id = partition key value = object name, whichever of /id or /object the container is keyed by.
        const res = await this.manifestsContainer.item(object, object).read();
        if (res.statusCode === 404 || res.resource === undefined) return;
        const parsed = lakeManifestSchema.safeParse(res.resource);
        if (!parsed.success)
          throw new Error(`LAKE.MANIFEST_INVALID: ${object}: ${parsed.error.message.slice(0, 300)}`);
        out.set(object, parsed.data);
      }),
    );
    return out;
  }

  async localFiles(manifest: LakeManifest): Promise<readonly string[]> {
    return Promise.all(manifest.files.map((f) => this.local(f.path)));
  }

  private local(path: string): Promise<string> {
    let p = this.downloads.get(path);
    if (!p) {
      p = this.download(path).catch((err: unknown) => {
        this.downloads.delete(path);
        throw err;
      });
      this.downloads.set(path, p);
    }
    return p;
  }

  private async download(path: string): Promise<string> {
    const target = normalize(join(this.cacheDir, path));
    if (!target.startsWith(normalize(this.cacheDir) + sep)) throw new Error(`LAKE.PATH_INVALID: ${path}`);
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (exists) return target;
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}.part`;
    await this.blobs.getBlobClient(path).downloadToFile(partial);
    await rename(partial, target);
    return target;
  }
}

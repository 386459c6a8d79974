/**
 * `LakeFiles` (shared/calculation/lake-files.port.ts) from the lake's manifest: the live files of an object,
 * downloaded from the deployment's Blob container `lake` into a local cache folder. Lake file names are
 * never reused (`<Object>/<runId>-<n>.parquet`), so a cached file is valid for as long as it exists; a reader
 * that holds an older manifest still finds its files, which the writer deletes only after a grace period.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LakeFiles } from '../../calculation/lake-files.port';
import { LAKE_CONTAINER, type LakeManifest } from '../../contracts/lake';
import type { BlobStore } from '../blob/ports';
import type { ManifestStore } from './ports';

export class ManifestLakeFiles implements LakeFiles {
  constructor(
    private readonly manifests: Pick<ManifestStore, 'get'>,
    private readonly blobs: Pick<BlobStore, 'getBytes'>,
    private readonly cacheDir: string,
  ) {}

  /** The object's manifest as last read (its version names what a result was computed from). */
  async manifestOf(object: string): Promise<LakeManifest | undefined> {
    return (await this.manifests.get(object))?.manifest;
  }

  async filesOf(object: string): Promise<readonly string[]> {
    const manifest = await this.manifestOf(object);
    if (!manifest) return [];
    return Promise.all(manifest.files.map((f) => this.local(f.path)));
  }

  private async local(path: string): Promise<string> {
    const target = join(this.cacheDir, ...path.split('/'));
    if (existsSync(target)) return target;
    const blob = await this.blobs.getBytes(LAKE_CONTAINER, path);
    if (!blob) throw new Error(`LAKE.FILE_MISSING: ${path} is in the manifest but not in the lake`);
    await mkdir(dirname(target), { recursive: true });
    // Written aside and renamed: a concurrent reader never opens half a file.
    const part = `${target}.${process.pid}.${Date.now()}.part`;
    await writeFile(part, blob.bytes);
    await rename(part, target);
    return target;
  }
}

/** The lake's manifest store: one manifest per object, swapped with If-Match (DESIGN.md "Lake"). */
import type { LakeManifest } from '../../contracts/lake';

export interface StoredManifest {
  manifest: LakeManifest;
  etag: string;
}

export interface ManifestStore {
  /** The object's live manifest, or undefined before its first load. */
  get(object: string): Promise<StoredManifest | undefined>;
  /**
   * Creates the manifest (`etag` undefined) or replaces it if it is still at `etag`. A lost race throws an
   * `AppError` that `isLostRace` recognises (409 on create, 412 on replace). Answers the new ETag.
   */
  put(manifest: LakeManifest, etag: string | undefined): Promise<string>;
}

/**
 * The deployment's data object model (fields, types, primary key, time field) from the catalog snapshot
 * client-app stored, verified again here (shared/license/catalog-snapshot.ts): ingestion trusts a signature,
 * never a file another app wrote. Read again at most once a minute.
 */
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import {
  readStoredSnapshot,
  type SnapshotBlobs,
  type SnapshotVerifier,
} from '@kpi/shared/license/catalog-snapshot';
import { unprocessable } from '@kpi/shared/platform/errors';

/** The objects ingestion may load. */
export interface ObjectModel {
  /** The object, or `INGESTION.OBJECT_UNKNOWN` (not in the snapshot, or no snapshot yet). */
  object(name: string): Promise<DataObject>;
}

const TTL_MS = 60_000;

export class SnapshotObjectModel implements ObjectModel {
  private cached?: { at: number; objects: ReadonlyMap<string, DataObject> };

  constructor(
    private readonly blobs: SnapshotBlobs,
    private readonly verifier: SnapshotVerifier,
    private readonly deployment: { tenantId: string; deploymentId: string },
    private readonly now: () => number = Date.now,
  ) {}

  async object(name: string): Promise<DataObject> {
    let objects = this.cached && this.now() - this.cached.at < TTL_MS ? this.cached.objects : undefined;
    if (!objects?.has(name)) {
      const snapshot = await readStoredSnapshot(this.blobs, this.verifier, this.deployment);
      objects = snapshot?.objects ?? new Map();
      this.cached = { at: this.now(), objects };
    }
    const found = objects.get(name);
    if (!found) {
      throw unprocessable(
        'INGESTION.OBJECT_UNKNOWN',
        `${name} is not a data object of this deployment's catalog snapshot`,
      );
    }
    return found;
  }
}

/**
 * The deployment's catalog snapshot as client-app stored it, verified again here (shared/license
 * catalog-snapshot), re-read at most every few seconds so a refreshed catalog reaches the next run.
 */
import {
  readStoredSnapshot,
  type SnapshotBlobs,
  type SnapshotVerifier,
  type VerifiedSnapshot,
} from '@kpi/shared/license/catalog-snapshot';
import type { SnapshotSource } from './calculation';

const FRESH_MS = 10_000;

export class StoredSnapshotSource implements SnapshotSource {
  private cached: { at: number; snapshot: Promise<VerifiedSnapshot | undefined> } | undefined;

  constructor(
    private readonly blobs: SnapshotBlobs,
    private readonly verifier: SnapshotVerifier,
    private readonly expected: { tenantId: string; deploymentId: string },
  ) {}

  current(): Promise<VerifiedSnapshot | undefined> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > FRESH_MS) {
      const snapshot = readStoredSnapshot(this.blobs, this.verifier, this.expected);
      this.cached = { at: now, snapshot };
      snapshot.then(
        (s) => {
          if (!s && this.cached?.snapshot === snapshot) this.cached = undefined; // none yet: ask again next time
        },
        () => {
          if (this.cached?.snapshot === snapshot) this.cached = undefined;
        },
      );
    }
    return this.cached.snapshot;
  }
}

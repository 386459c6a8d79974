/**
 * The lake (DESIGN.md "Lake"): Parquet files per object in the Blob container `lake`, and one manifest per
 * object swapped with If-Match once its files are written, so a reader never sees a half-written load.
 * A full refresh replaces the live set; an incremental load or push appends (keysUnique=false); compaction
 * merges the live files by primary key (last write wins) into one. Files taken out of the live set are
 * deleted at a later swap, after a grace period, because readers may still hold the previous manifest.
 */
import { LAKE_CONTAINER, type LakeFile, type LakeManifest, type TimeRange } from '@kpi/shared/contracts/lake';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import { isLostRace } from '@kpi/shared/platform/cosmos/conditions';
import { unavailable } from '@kpi/shared/platform/errors';
import type { ManifestStore, StoredManifest } from '@kpi/shared/platform/lake/ports';
import type { Logger } from '@kpi/shared/platform/log';
import type { ParquetEngine, WrittenParquet } from './duckdb-parquet';

export const LAKE_DEFAULTS = {
  /** How long a retired file stays readable after the swap that retired it. */
  graceMs: 15 * 60_000,
  /** Compaction runs after a load once an object has more live files than this. */
  compactAbove: 16,
  /** Pushes append small files often: compaction waits for more of them. */
  compactPushesAbove: 64,
  swapAttempts: 20,
} as const;

export interface LakeDeps {
  manifests: ManifestStore;
  blobs: Pick<BlobStore, 'putBytes' | 'getBytes' | 'delete'>;
  parquet: ParquetEngine;
  clock: () => Date;
  log: Logger;
  graceMs?: number;
  compactAbove?: number;
}

export type LakeChange =
  | { kind: 'append'; files: readonly LakeFile[] }
  | { kind: 'replace'; files: readonly LakeFile[] };

const iso = (ms: number) => new Date(ms).toISOString();

/** The union of files' time ranges. */
export function timeRangeOf(files: readonly LakeFile[]): TimeRange | undefined {
  const ranges = files.map((f) => f.timeRange).filter((r): r is TimeRange => r !== undefined);
  if (!ranges.length) return undefined;
  return {
    from: iso(Math.min(...ranges.map((r) => Date.parse(r.from)))),
    to: iso(Math.max(...ranges.map((r) => Date.parse(r.to)))),
  };
}

type Plan = (base: LakeManifest) => { files: LakeFile[]; keysUnique: boolean; retire: string[] } | undefined;

const appendPlan =
  (files: readonly LakeFile[]): Plan =>
  (base) => {
    const live = new Set(base.files.map((f) => f.path));
    const added = files.filter(
      (f, i) => !live.has(f.path) && files.findIndex((g) => g.path === f.path) === i,
    );
    if (!added.length) return undefined;
    return { files: [...base.files, ...added], keysUnique: false, retire: [] };
  };

const replacePlan =
  (files: readonly LakeFile[]): Plan =>
  (base) => {
    const next = new Set(files.map((f) => f.path));
    return {
      files: [...files],
      keysUnique: files.length <= 1,
      retire: base.files.filter((f) => !next.has(f.path)).map((f) => f.path),
    };
  };

export class Lake {
  constructor(private readonly deps: LakeDeps) {}

  /** The object's live manifest (undefined before its first load). */
  async manifest(object: string): Promise<LakeManifest | undefined> {
    return (await this.deps.manifests.get(object))?.manifest;
  }

  /** Writes records to `<Object>/<writtenBy>-<n>.parquet` (not live until a swap names it). */
  async writeFile(
    object: DataObject,
    records: readonly Record<string, unknown>[],
    writtenBy: string,
    n: number,
  ): Promise<LakeFile> {
    return this.upload(object, await this.deps.parquet.write(object, records), writtenBy, n);
  }

  private async upload(object: DataObject, written: WrittenParquet, writtenBy: string, n: number) {
    const path = `${object.name}/${writtenBy}-${n}.parquet`;
    await this.deps.blobs.putBytes(LAKE_CONTAINER, path, written.bytes, 'application/vnd.apache.parquet');
    return {
      path,
      rows: written.rows,
      bytes: written.bytes.byteLength,
      writtenBy,
      writtenAt: this.deps.clock().toISOString(),
      ...(written.time ? { timeRange: { from: iso(written.time.from), to: iso(written.time.to) } } : {}),
    };
  }

  /** Deletes files a failed load wrote but never made live. */
  async discard(files: readonly LakeFile[]): Promise<void> {
    await Promise.all(files.map((f) => this.deps.blobs.delete(LAKE_CONTAINER, f.path).catch(() => false)));
  }

  /**
   * Swaps the object's manifest: appends files (a file already live is not added twice: a retried batch or
   * push changes nothing) or replaces the live set. Retries a lost race on the current manifest. Appends
   * waiting for the same object in this process go in one swap (group commit), so concurrent pushes do not
   * race each other for the ETag.
   */
  async swap(object: string, change: LakeChange): Promise<LakeManifest> {
    if (change.kind === 'replace') return this.swapWith(object, replacePlan(change.files));
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(object) ?? { files: [], waiters: [] };
      waiting.files.push(...change.files);
      waiting.waiters.push({ resolve, reject });
      this.pending.set(object, waiting);
      void this.drain(object);
    });
  }

  private readonly pending = new Map<
    string,
    { files: LakeFile[]; waiters: { resolve: (m: LakeManifest) => void; reject: (e: unknown) => void }[] }
  >();
  private readonly draining = new Set<string>();
  /** The manifest and ETag of this process's last successful swap, per object. */
  private readonly last = new Map<string, StoredManifest>();
  /** Objects being compacted by this process (one compaction per object at a time). */
  private readonly compacting = new Set<string>();

  private async drain(object: string): Promise<void> {
    if (this.draining.has(object)) return;
    this.draining.add(object);
    try {
      for (let next = this.pending.get(object); next; next = this.pending.get(object)) {
        this.pending.delete(object);
        try {
          const m = await this.swapWith(object, appendPlan(next.files));
          for (const w of next.waiters) w.resolve(m);
        } catch (err) {
          for (const w of next.waiters) w.reject(err);
        }
      }
    } finally {
      this.draining.delete(object);
    }
  }

  private async swapWith(object: string, plan: Plan): Promise<LakeManifest> {
    const grace = this.deps.graceMs ?? LAKE_DEFAULTS.graceMs;
    for (let attempt = 0; attempt < LAKE_DEFAULTS.swapAttempts; attempt++) {
      // This process's last swap is usually still current: try it first, read the store after a lost race.
      const known = attempt === 0 ? this.last.get(object) : undefined;
      const stored = known ?? (await this.deps.manifests.get(object));
      const now = this.deps.clock();
      const base: LakeManifest = stored?.manifest ?? {
        id: object,
        object,
        version: 0,
        files: [],
        keysUnique: true,
        rows: 0,
        updatedAt: now.toISOString(),
      };
      const p = plan(base);
      if (!p) return base;
      const retired = [
        ...(base.retired ?? []),
        ...p.retire.map((path) => ({ path, retiredAt: now.toISOString() })),
      ];
      const expired = retired.filter((r) => now.getTime() - Date.parse(r.retiredAt) >= grace);
      const next: LakeManifest = {
        id: object,
        object,
        version: base.version + 1,
        files: p.files,
        keysUnique: p.keysUnique,
        rows: p.files.reduce((n, f) => n + f.rows, 0),
        updatedAt: now.toISOString(),
        retired: retired.filter((r) => !expired.includes(r)),
      };
      try {
        this.last.set(object, { manifest: next, etag: await this.deps.manifests.put(next, stored?.etag) });
      } catch (err) {
        this.last.delete(object);
        if (isLostRace(err)) continue;
        throw err;
      }
      for (const r of expired) {
        await this.deps.blobs.delete(LAKE_CONTAINER, r.path).catch((e: unknown) => {
          this.deps.log.warn('retired lake file not deleted', { path: r.path, error: String(e) });
        });
      }
      return next;
    }
    throw unavailable('LAKE.SWAP_CONTENDED', `The ${object} manifest kept changing; try again`);
  }

  /** Compacts when the object has more live files than the threshold (after a load). */
  async compactIfNeeded(
    object: DataObject,
    runId: string,
    above = this.deps.compactAbove ?? LAKE_DEFAULTS.compactAbove,
  ): Promise<LakeManifest | undefined> {
    if (this.compacting.has(object.name)) return undefined;
    const m = await this.manifest(object.name);
    if (!m || m.files.length <= above) return undefined;
    return this.compact(object, runId);
  }

  /**
   * Merges the live files into one by primary key (last write wins): keysUnique becomes true. Files appended
   * while it ran stay live after the compacted one; a full refresh that replaced the set meanwhile wins and
   * the compacted file is dropped.
   */
  async compact(object: DataObject, runId: string): Promise<LakeManifest | undefined> {
    if (this.compacting.has(object.name)) return undefined;
    this.compacting.add(object.name);
    try {
      return await this.compactNow(object, runId);
    } finally {
      this.compacting.delete(object.name);
    }
  }

  private async compactNow(object: DataObject, runId: string): Promise<LakeManifest | undefined> {
    const m = await this.manifest(object.name);
    if (!m || (m.files.length <= 1 && m.keysUnique)) return m;
    const taken = m.files;
    const bytes = await Promise.all(
      taken.map(async (f) => {
        const blob = await this.deps.blobs.getBytes(LAKE_CONTAINER, f.path);
        if (!blob) throw new Error(`LAKE.FILE_MISSING: ${f.path}`);
        return blob.bytes;
      }),
    );
    const merged = await this.upload(
      object,
      await this.deps.parquet.merge(object, bytes),
      `compact-${runId}`,
      0,
    );
    const takenPaths = new Set(taken.map((f) => f.path));
    let dropped = false;
    const swapped = await this.swapWith(object.name, (base) => {
      const livePaths = new Set(base.files.map((f) => f.path));
      if (livePaths.has(merged.path)) return undefined;
      if (![...takenPaths].every((p) => livePaths.has(p))) {
        dropped = true;
        return undefined;
      }
      const later = base.files.filter((f) => !takenPaths.has(f.path));
      return { files: [merged, ...later], keysUnique: later.length === 0, retire: [...takenPaths] };
    });
    if (dropped) await this.discard([merged]);
    return swapped;
  }
}

import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Account from '@vercel/cosmosdb-server/lib/account';
import type Collection from '@vercel/cosmosdb-server/lib/account/collection';
import type ItemObject from '@vercel/cosmosdb-server/lib/account/item-object';

// How @vercel/cosmosdb-server keeps state (lib/account): Account.databases → Database.collections →
// Collection.documents / .userDefinedFunctions, each an `Items` with `_data` (Map rid → Item, in
// insertion order = query order without ORDER BY), `_index` (derived from the data by `_set`) and
// `_ridCount` (source of new _rid values). We persist the stored objects verbatim (so _rid, _etag,
// _ts and _self survive a restart and If-Match keeps working) plus every `_ridCount`, and restore
// them through `_set`, which rebuilds `_index` exactly as a create would.
//
// Layout under dataDir: `manifest.json` (databases, container definitions, UDFs, rid counters) and
// `containers/<hex of container _rid>.json` (that container's items). Writes only mark containers
// dirty; a snapshot rewrites the manifest and the dirty containers' files, each atomically.

const formatVersion = 1;

interface ContainerEntry {
  data: ItemObject;
  udfRidCount: number;
  udfs: ItemObject[];
}
interface DatabaseEntry {
  data: ItemObject;
  collectionRidCount: number;
  collections: ContainerEntry[];
}
interface Manifest {
  version: number;
  databaseRidCount: number;
  databases: DatabaseEntry[];
}
interface ContainerFile {
  version: number;
  rid: string;
  ridCount: number;
  documents: ItemObject[];
}

/** State read from disk, ready to be applied to a fresh Account. */
export interface CosmosSnapshot {
  manifest: Manifest;
  containers: Map<string, ContainerFile>;
}

const fileOf = (rid: string) => `${Buffer.from(rid, 'utf8').toString('hex')}.json`;

function values(items: { _data: Map<string, { read(): ItemObject }> }): ItemObject[] {
  return [...items._data.values()].map((item) => item.read());
}

/** Reads the snapshot in `dir`; undefined when there is none yet. */
export async function readCosmosSnapshot(dir: string): Promise<CosmosSnapshot | undefined> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`COSMOS.SNAPSHOT_UNREADABLE: ${join(dir, 'manifest.json')}: ${(err as Error).message}`);
  }
  if (manifest.version !== formatVersion) {
    throw new Error(
      `COSMOS.SNAPSHOT_VERSION: ${dir} has format ${manifest.version}, expected ${formatVersion}`,
    );
  }
  const containers = new Map<string, ContainerFile>();
  for (const db of manifest.databases) {
    for (const coll of db.collections) {
      try {
        const file = JSON.parse(await readFile(join(dir, 'containers', fileOf(coll.data._rid)), 'utf8'));
        containers.set(coll.data._rid, file as ContainerFile);
      } catch (err) {
        // A container created just before a crash may have no items file yet: it is empty.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  }
  return { manifest, containers };
}

/** Puts a snapshot into a freshly created (empty) Account. */
export function restoreCosmosSnapshot(account: Account, snapshot: CosmosSnapshot): void {
  const { manifest } = snapshot;
  for (const db of manifest.databases) {
    account.databases._set(db.data);
    const database = account.database(db.data.id);
    for (const coll of db.collections) {
      database.collections._set(coll.data);
      const collection = database.collection(coll.data.id);
      const file = snapshot.containers.get(coll.data._rid);
      for (const doc of file?.documents ?? []) collection.documents._set(doc);
      collection.documents._ridCount = file?.ridCount ?? 0;
      const udfs = collection.userDefinedFunctions;
      for (const udf of coll.udfs) {
        udfs._set(udf);
        // Same compilation as the library's UserDefinedFunctions.create().
        udfs.functions[udf.id] = new Function(`"use strict";return (${udf.body})`)();
      }
      udfs._ridCount = coll.udfRidCount;
    }
    database.collections._ridCount = db.collectionRidCount;
  }
  account.databases._ridCount = manifest.databaseRidCount;
}

/**
 * Keeps `dir` in step with `account`: `noteWrite()` after every write request (cheap: records
 * which container changed and arms one timer), a snapshot `delayMs` later, and `flush()` on stop.
 *
 * A snapshot rewrites each dirty container whole, and serialising it blocks the event loop that also
 * serves requests: 25,000 heartbeats (12 MB) take 350–600 ms on a loaded 2-core machine, so at a fixed
 * 200 ms the stand-in spent most of its time snapshotting under a steady write load. The delay therefore
 * stretches to 10× the last snapshot's serialisation time (at most 10 s), keeping snapshots to about a tenth
 * of the time; small data keeps the 200 ms. `flush()` (on stop) still writes everything at once.
 */
export class CosmosPersistence {
  private readonly dirtyContainers = new Set<string>();
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private lastCaptureMs = 0;

  constructor(
    private readonly dir: string,
    private readonly account: Account,
    private readonly delayMs: number,
  ) {}

  /** Records a write to database `dbId` / container `collId` (ids or _rids, as in the URL). */
  noteWrite(params: { dbId?: string; collId?: string }): void {
    this.dirty = true;
    if (params.dbId && params.collId) {
      const rid = this.account.database(params.dbId).collection(params.collId).read()?._rid;
      if (rid) this.dirtyContainers.add(rid);
    }
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined;
        this.flush().catch((err) => console.error(`COSMOS.SNAPSHOT_FAILED: ${(err as Error).message}`));
      },
      Math.max(this.delayMs, Math.min(10_000, 10 * this.lastCaptureMs)),
    );
  }

  /** Writes any pending changes now; resolves when they are on disk. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.catch(() => undefined).then(() => this.snapshot());
    return this.writing;
  }

  private async snapshot(): Promise<void> {
    if (!this.dirty) return;
    // Serialise synchronously so the snapshot is one consistent point in time.
    const began = performance.now();
    const { manifest, containerFiles } = this.capture();
    this.lastCaptureMs = performance.now() - began;
    const dirtyBefore = [...this.dirtyContainers];
    this.dirty = false;
    this.dirtyContainers.clear();
    try {
      const containersDir = join(this.dir, 'containers');
      await mkdir(containersDir, { recursive: true });
      for (const [rid, text] of containerFiles) await atomicWrite(join(containersDir, fileOf(rid)), text);
      await atomicWrite(join(this.dir, 'manifest.json'), JSON.stringify(manifest));
      const live = new Set(
        manifest.databases.flatMap((db) => db.collections.map((c) => fileOf(c.data._rid))),
      );
      for (const name of await readdir(containersDir)) {
        if (name.endsWith('.json') && !live.has(name)) await rm(join(containersDir, name), { force: true });
      }
    } catch (err) {
      // Keep the changes pending so the next snapshot retries them.
      this.dirty = true;
      for (const rid of dirtyBefore) this.dirtyContainers.add(rid);
      throw err;
    }
  }

  private capture(): { manifest: Manifest; containerFiles: Map<string, string> } {
    const containerFiles = new Map<string, string>();
    const databases: DatabaseEntry[] = [];
    for (const dbItem of this.account.databases._data.values()) {
      const collections: ContainerEntry[] = [];
      for (const collItem of dbItem.collections._data.values()) {
        const coll = collItem as Collection;
        const data = coll.read();
        collections.push({
          data,
          udfRidCount: coll.userDefinedFunctions._ridCount,
          udfs: values(coll.userDefinedFunctions),
        });
        if (this.dirtyContainers.has(data._rid)) {
          const file: ContainerFile = {
            version: formatVersion,
            rid: data._rid,
            ridCount: coll.documents._ridCount,
            documents: values(coll.documents),
          };
          containerFiles.set(data._rid, JSON.stringify(file));
        }
      }
      databases.push({ data: dbItem.read(), collectionRidCount: dbItem.collections._ridCount, collections });
    }
    const manifest = {
      version: formatVersion,
      databaseRidCount: this.account.databases._ridCount,
      databases,
    };
    return { manifest, containerFiles };
  }
}

async function atomicWrite(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

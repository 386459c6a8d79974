import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where an object's Parquet files are: the live files of a data object as local paths. The
 * calculation app implements it from the lake manifest (downloading blobs to a local cache); tests
 * and benchmarks from a folder. An object without files reads as no records.
 */
export interface LakeFiles {
  filesOf(object: string): Promise<readonly string[]>;
}

/** A lake in a local folder: `<root>/<Object>/*.parquet`. */
export function folderLake(root: string): LakeFiles {
  return {
    async filesOf(object) {
      try {
        const names = await readdir(join(root, object));
        return names
          .filter((n) => n.endsWith('.parquet'))
          .sort()
          .map((n) => join(root, object, n));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
    },
  };
}

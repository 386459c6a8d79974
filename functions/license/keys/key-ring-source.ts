/** Loads the signing key ring from its configured source; a missing local file is created (first start). */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type KeyRing, newKeyRing, parseKeyRing, rotate } from '@kpi/shared/license/key-ring';
import type { KeyRingSource } from '../config';
import { TERM_LIMITS } from '../licenses/license-core';

/** How long a retired key stays published: the longest term plus the longest grace, plus a margin. */
export const RETAIN_RETIRED_KEY_DAYS = TERM_LIMITS.maxTermDays + TERM_LIMITS.maxGraceDays + 30;

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';
const isTaken = (err: unknown) => (err as NodeJS.ErrnoException).code === 'EEXIST';

/** The key ring of `source`. */
export async function loadKeyRing(source: KeyRingSource, now: Date): Promise<KeyRing> {
  if (source.kind === 'value') return parseKeyRing(source.json);
  try {
    return parseKeyRing(await readFile(source.path, 'utf8'));
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
  await mkdir(dirname(source.path), { recursive: true });
  const ring = newKeyRing(now);
  try {
    // `wx`: if two processes start at once, one creates the file and the other reads it.
    await writeFile(source.path, JSON.stringify(ring, null, 2), { flag: 'wx', mode: 0o600 });
    return ring;
  } catch (err) {
    if (isTaken(err)) return parseKeyRing(await readFile(source.path, 'utf8'));
    throw err;
  }
}

/**
 * Rotates a local key ring file: a new key signs from the next start on; the old one stays published for
 * `RETAIN_RETIRED_KEY_DAYS`. (In Azure, write the rotated ring as a new version of the Key Vault secret.)
 */
export async function rotateKeyRingFile(path: string, now: Date): Promise<KeyRing> {
  const rotated = rotate(parseKeyRing(await readFile(path, 'utf8')), now, RETAIN_RETIRED_KEY_DAYS);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(rotated, null, 2), { mode: 0o600 });
  await rename(temp, path);
  return rotated;
}

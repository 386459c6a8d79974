/** Rotation of a local key ring file (loading lives in shared/license/key-ring-source.ts). */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { type KeyRing, parseKeyRing, rotate } from '@kpi/shared/license/key-ring';
import { TERM_LIMITS } from '../licenses/license-core';

/** How long a retired key stays published: the longest term plus the longest grace, plus a margin. */
export const RETAIN_RETIRED_KEY_DAYS = TERM_LIMITS.maxTermDays + TERM_LIMITS.maxGraceDays + 30;

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

/**
 * What changed in an object's lake since results were last computed from it: the files added or removed
 * between the manifest the calculation last used and the current one. Their time ranges are the records a
 * recompute must cover. Diffing files, not trusting each event's range, makes bursts coalesce (the first
 * event covers every file that landed meanwhile, the later ones find nothing new) and redeliveries no-ops.
 */
import type { LakeManifest } from '@kpi/shared/contracts/lake';
import type { Touched } from './kpi-reads';

/** The files of an object as last computed from (stored per object in `calculation-state`). */
export interface ComputedLake {
  readonly object: string;
  readonly version: number;
  readonly files: readonly {
    readonly path: string;
    readonly from?: string;
    readonly to?: string;
    readonly rows: number;
  }[];
}

/** Ranges kept apart up to this many; more are merged into one span (a recompute of a little more). */
const MAX_RANGES = 32;

export function computedFrom(m: LakeManifest): ComputedLake {
  return {
    object: m.object,
    version: m.version,
    files: m.files.map((f) => ({
      path: f.path,
      rows: f.rows,
      ...(f.timeRange ? { from: f.timeRange.from, to: f.timeRange.to } : {}),
    })),
  };
}

/**
 * The record times the change from `before` to `now` touched; [] = nothing. Never computed from (`before`
 * undefined): every period, so results exist for all of them, with no value where the lake has no records.
 */
export function touchedSince(before: ComputedLake | undefined, now: ComputedLake): Touched {
  if (!before) return 'all';
  const old = new Map(before.files.map((f) => [f.path, f]));
  const cur = new Map(now.files.map((f) => [f.path, f]));
  const changed = [
    ...now.files.filter((f) => !old.has(f.path)),
    ...before.files.filter((f) => !cur.has(f.path)),
  ].filter((f) => f.rows > 0);
  const ranges: { from: number; to: number }[] = [];
  for (const f of changed) {
    if (f.from === undefined || f.to === undefined) return 'all';
    ranges.push({ from: Date.parse(f.from), to: Date.parse(f.to) });
  }
  if (ranges.length <= MAX_RANGES) return ranges;
  return [{ from: Math.min(...ranges.map((r) => r.from)), to: Math.max(...ranges.map((r) => r.to)) }];
}

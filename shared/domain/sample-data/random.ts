import type { Row } from '../formula/compile-expr';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Mutable records per object while generating. */
export type Tables = Record<string, Row[]>;

/** FNV-1a hash of a string, used to derive per-object seeds. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Deterministic random helpers (mulberry32): the same seed gives the same data on every machine,
 * so expected values in tests never drift.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Number in [min, max) rounded to `decimals`. */
  num(min: number, max: number, decimals = 2): number {
    const p = 10 ** decimals;
    return Math.round((min + this.next() * (max - min)) * p) / p;
  }

  /** Skewed towards `min` (most values small, a long tail up to `max`). */
  skew(min: number, max: number, decimals = 2): number {
    const u = this.next();
    const p = 10 ** decimals;
    return Math.round((min + u * u * (max - min)) * p) / p;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `weighted(['a', 3], ['b', 1])`. */
  weighted<T>(...options: readonly (readonly [T, number])[]): T {
    const total = options.reduce((s, [, w]) => s + w, 0);
    let u = this.next() * total;
    for (const [v, w] of options) {
      u -= w;
      if (u < 0) return v;
    }
    return options[options.length - 1]![0];
  }
}

/** UTC midnight of an instant (for `date` fields). */
export const day = (ms: number): number => Math.floor(ms / DAY) * DAY;

/** Generation window: calendar months from `start` (inclusive). */
export interface Window {
  readonly start: number;
  readonly months: number;
  /** First instant after the window: the "as of" time of the data set. */
  readonly end: number;
}

export function monthStarts(w: Window): number[] {
  const d = new Date(w.start);
  return Array.from({ length: w.months + 1 }, (_, i) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + i, 1));
}

/**
 * Calls `make` `perMonth` times for every month of the window with a random instant in that month,
 * so every month has data (stratified, not just uniform over the window).
 */
export function perMonth(
  rnd: Random,
  w: Window,
  perMonthCount: number,
  make: (t: number, i: number) => Row | null,
): Row[] {
  const starts = monthStarts(w);
  const rows: Row[] = [];
  let i = 0;
  for (let m = 0; m < w.months; m++) {
    const a = starts[m]!;
    const b = starts[m + 1]!;
    for (let k = 0; k < perMonthCount; k++) {
      const row = make(a + rnd.next() * (b - a), i++);
      if (row) rows.push(row);
    }
  }
  return rows;
}

/** Picks the id of a random record of an already generated object. */
export function refId(rnd: Random, tables: Tables, object: string): string {
  const rows = tables[object];
  if (!rows || rows.length === 0) throw new Error(`SAMPLE.MISSING_OBJECT: ${object} must be generated first`);
  return rnd.pick(rows).id as string;
}

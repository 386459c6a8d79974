import { hashSeed, Random, type Tables, type Window } from './random';

/** What an area generator gets: tables so far, the window, and a seeded random source per object. */
export interface GenContext {
  readonly tables: Tables;
  readonly window: Window;
  /** Volume multiplier of the industry (1 = default volumes). */
  readonly scale: number;
  random(object: string): Random;
}

export function createContext(seedText: string, window: Window, scale: number): GenContext {
  return {
    tables: {},
    window,
    scale,
    random: (object) => new Random(hashSeed(`${seedText}/${object}`)),
  };
}

/** Rows per month scaled by the industry volume (at least 1). */
export const volume = (ctx: GenContext, n: number) => Math.max(1, Math.round(n * ctx.scale));

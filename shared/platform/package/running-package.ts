/**
 * What the start-up guard of a packaged Function app (local/build/package-guard.ts) tells the app it loads:
 * the verified package's version and the vendor's licence keys from its signed manifest. The guard and the
 * app are two bundles, each with its own copy of this module, so the hand-over goes through a registered
 * symbol on `globalThis`, set once before the app's bundle is required. From source there is none.
 */
import type { TrustedKey } from './release-manifest';

export interface RunningPackage {
  /** The package's version (`0.1.0+59400c3`): what the app reports as its own. */
  version: string;
  /** The release key that signed the manifest. */
  kid: string;
  /** The vendor's licence keys the signed manifest carries, when it carries them. */
  licenseJwks?: { keys: TrustedKey[] };
}

const KEY = Symbol.for('kpi.running-package');

/** Called by the guard once the package verified, before it loads the app. */
export function announceRunningPackage(p: RunningPackage): void {
  Object.defineProperty(globalThis, KEY, { value: Object.freeze({ ...p }), configurable: false });
}

/** The verified package this process runs from, or undefined when it runs from source. */
export function runningPackage(): RunningPackage | undefined {
  return (globalThis as Record<symbol, RunningPackage | undefined>)[KEY];
}

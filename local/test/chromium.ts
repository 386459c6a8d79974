import { existsSync } from 'node:fs';

/** Path of the Chromium that browser tests drive: CHROMIUM_PATH, else Debian's package. Undefined if none. */
export function browserExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => Boolean(p) && existsSync(p as string));
}

/** Flags that keep headless Chromium off the network this machine does not have (see LOCAL-EMULATION.md). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from './key-ring-cli';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kpi-keyring-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('key ring CLI', () => {
  it('creates, rotates and publishes', async () => {
    const file = join(dir, 'ring.json');
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    expect(await run(['new', file], out)).toBe(0);
    await expect(run(['new', file], out)).rejects.toThrow(/EEXIST/);
    expect(await run(['rotate', file], out)).toBe(0);
    expect(await run(['jwks', file], out)).toBe(0);
    const jwks = JSON.parse(lines.at(-1) ?? '{}') as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    expect(await run(['bogus'], out)).toBe(2);
  });
});

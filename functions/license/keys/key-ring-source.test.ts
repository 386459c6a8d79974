import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOW } from '@kpi/shared/domain/license/license-mother';
import { newKeyRing, publicJwks, signingKey } from '@kpi/shared/license/key-ring';
import { loadKeyRing, signingKeysSetting } from '@kpi/shared/license/key-ring-source';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsSpec } from '../config';
import { RETAIN_RETIRED_KEY_DAYS, rotateKeyRingFile } from './key-ring-source';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kpi-keyring-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadKeyRing', () => {
  it('creates the file on first start (owner-only), then reuses it', async () => {
    const path = join(dir, 'license', 'signing-keys.json');
    const first = await loadKeyRing({ kind: 'file', path }, NOW);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const second = await loadKeyRing({ kind: 'file', path }, NOW);
    expect(signingKey(second).kid).toBe(signingKey(first).kid);
  });

  it('two processes starting at once end up with the same key', async () => {
    const path = join(dir, 'keys.json');
    const rings = await Promise.all([1, 2, 3].map(() => loadKeyRing({ kind: 'file', path }, NOW)));
    const onDisk = JSON.parse(await readFile(path, 'utf8'));
    for (const ring of rings) expect(signingKey(ring).kid).toBe(onDisk.keys[0].kid);
  });

  it('refuses a corrupt file rather than replacing the key', async () => {
    const path = join(dir, 'keys.json');
    await writeFile(path, '{"version":1,"keys":[]}');
    await expect(loadKeyRing({ kind: 'file', path }, NOW)).rejects.toThrow(/version 1 ring/);
  });

  it('reads a ring given as a value (Azure: the resolved Key Vault reference)', async () => {
    const ring = newKeyRing(NOW);
    expect(await loadKeyRing({ kind: 'value', json: JSON.stringify(ring) }, NOW)).toEqual(ring);
  });

  it('rotation: the new key signs; the old one stays published for the retention period', async () => {
    const path = join(dir, 'keys.json');
    const before = await loadKeyRing({ kind: 'file', path }, NOW);
    await rotateKeyRingFile(path, NOW);
    const after = await loadKeyRing({ kind: 'file', path }, NOW);
    expect(signingKey(after).kid).not.toBe(signingKey(before).kid);
    const published = (days: number) =>
      publicJwks(after, new Date(NOW.getTime() + days * 86_400_000)).keys.map((k) => k.kid);
    expect(published(RETAIN_RETIRED_KEY_DAYS - 1)).toContain(signingKey(before).kid);
    expect(published(RETAIN_RETIRED_KEY_DAYS + 1)).toEqual([signingKey(after).kid]);
  });
});

describe('signing key setting', () => {
  it('reads a local file path or the Azure value, never a default', () => {
    expect(signingKeysSetting.read({ LICENSE_SIGNING_KEY_FILE: '/data/keys.json' })).toEqual({
      ok: true,
      value: { kind: 'file', path: '/data/keys.json' },
    });
    expect(signingKeysSetting.read({ LICENSE_SIGNING_KEYS: '{"version":1}' })).toEqual({
      ok: true,
      value: { kind: 'value', json: '{"version":1}' },
    });
    expect(signingKeysSetting.read({})).toMatchObject({ ok: false });
    expect(
      signingKeysSetting.read({
        LICENSE_SIGNING_KEYS: '@Microsoft.KeyVault(SecretUri=https://kv/secrets/x/)',
      }),
    ).toEqual({ ok: false, problem: 'LICENSE_SIGNING_KEYS is an unresolved Key Vault reference' });
  });

  it('Bicep declares the Azure name; local settings the file', () => {
    expect(settingsSpec.azureNames).toContain('LICENSE_SIGNING_KEYS');
    expect(settingsSpec.azureNames).not.toContain('LICENSE_SIGNING_KEY_FILE');
    expect(settingsSpec.localNames).toContain('LICENSE_SIGNING_KEY_FILE');
  });
});

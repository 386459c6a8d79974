import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseKeySource } from './release-keys';

describe('the release key source', () => {
  it('takes the ring JSON from RELEASE_SIGNING_KEYS first (a pipeline reads it from Key Vault)', () => {
    expect(
      releaseKeySource({ RELEASE_SIGNING_KEYS: ' {"version":1} ', RELEASE_SIGNING_KEY_FILE: '/k' }, '/r'),
    ).toEqual({
      kind: 'value',
      json: '{"version":1}',
      label: 'RELEASE_SIGNING_KEYS',
    });
  });

  it('refuses an unresolved Key Vault reference instead of signing with something else', () => {
    expect(() =>
      releaseKeySource({ RELEASE_SIGNING_KEYS: '@Microsoft.KeyVault(SecretUri=https://v/secrets/x/)' }, '/r'),
    ).toThrow(/unresolved Key Vault reference/);
  });

  it('else RELEASE_SIGNING_KEY_FILE, else the local file under .data', () => {
    expect(releaseKeySource({ RELEASE_SIGNING_KEY_FILE: '/keys/ring.json' }, '/r')).toMatchObject({
      kind: 'file',
      path: '/keys/ring.json',
    });
    expect(releaseKeySource({}, '/r')).toMatchObject({
      kind: 'file',
      path: join('/r', '.data', 'release', 'signing-keys.json'),
    });
  });
});

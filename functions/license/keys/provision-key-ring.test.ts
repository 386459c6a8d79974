import { NOW } from '@kpi/shared/domain/license/license-mother';
import { parseKeyRing, signingKey } from '@kpi/shared/license/key-ring';
import { describe, expect, it } from 'vitest';
import { ensureKeyRingSecret, KEY_RING_SECRET } from './provision-key-ring';

class MapSecrets {
  readonly values = new Map<string, string>();
  async get(name: string) {
    return this.values.get(name);
  }
  async set(name: string, value: string) {
    this.values.set(name, value);
  }
}

describe('ensureKeyRingSecret', () => {
  it('creates a valid ring once and never replaces it', async () => {
    const secrets = new MapSecrets();
    const first = await ensureKeyRingSecret(secrets, NOW);
    expect(first.outcome).toBe('created');
    const stored = secrets.values.get(KEY_RING_SECRET) ?? '';
    expect(signingKey(parseKeyRing(stored)).kid).toBe(first.kid);
    expect(await ensureKeyRingSecret(secrets, NOW)).toEqual({ outcome: 'exists' });
    expect(secrets.values.get(KEY_RING_SECRET)).toBe(stored);
  });

  it('names the secret main.bicep references', async () => {
    const { readFile } = await import('node:fs/promises');
    const bicep = await readFile(`${__dirname}/../../../bicep/main.bicep`, 'utf8');
    expect(bicep).toContain(`secrets/${KEY_RING_SECRET}/`);
  });
});

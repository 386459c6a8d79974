import { MemorySecretStore } from '@kpi/shared/connectors/fixtures';
import { describe, expect, it } from 'vitest';
import {
  maskedSecrets,
  secretKindsOf,
  sentSecrets,
  withoutSecretRefs,
  withSecretRefs,
  writeSecrets,
} from './source-secrets';

const pg = {
  type: 'postgresql' as const,
  host: 'db',
  port: 5432,
  database: 'erp',
  user: 'reader',
  sslMode: 'verify-full' as const,
  schema: 'public',
  connectTimeoutMs: 10_000,
};
const rest = {
  type: 'rest' as const,
  baseUrl: 'https://crm.example/v1',
  auth: { kind: 'bearer' as const },
  endpoints: [{ name: 'customers', path: '/customers', recordsPath: '', paging: { kind: 'none' as const } }],
  timeoutMs: 30_000,
  maxRetries: 4,
  maxRetryAfterMs: 60_000,
};

describe('source secrets', () => {
  it('names secrets itself, whatever the request holds', () => {
    expect(secretKindsOf(pg)).toEqual(['password']);
    expect(secretKindsOf(rest)).toEqual(['token']);
    expect(withSecretRefs('src-1', pg, new Set(['password']))).toMatchObject({
      passwordSecretRef: 'source-src-1-password',
    });
    // No password set: trust authentication, no name.
    expect(withSecretRefs('src-1', pg, new Set())).not.toHaveProperty('passwordSecretRef');
    const stored = withSecretRefs('src-1', rest, new Set());
    expect(stored).toMatchObject({ auth: { kind: 'bearer', secretRef: 'source-src-1-token' } });
    expect(withoutSecretRefs(stored)).toEqual(rest);
  });

  it('refuses a secret the definition does not use', () => {
    expect(() => sentSecrets(rest, { password: 'x' })).toThrow(
      expect.objectContaining({ code: 'CONNECTOR.SECRET_UNUSED' }),
    );
    expect([...sentSecrets(rest, { token: 't0ken-value' })]).toEqual([['token', 't0ken-value']]);
  });

  it('writes values to the store and shows them masked only', async () => {
    const store = new MemorySecretStore();
    const refs = await writeSecrets(store, 'src-1', new Map([['password', 'correct-horse-42']]));
    expect(refs).toEqual(['source-src-1-password']);
    const def = withSecretRefs('src-1', pg, new Set(['password']));
    expect(await maskedSecrets(store, 'src-1', def, refs)).toEqual([
      { kind: 'password', set: true, masked: '••••••••42' },
    ]);
    expect(await maskedSecrets(store, 'src-1', def, [])).toEqual([
      { kind: 'password', set: false, masked: '' },
    ]);
  });
});

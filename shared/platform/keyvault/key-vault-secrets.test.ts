import type { TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { KeyVaultSecrets } from './key-vault-secrets';

const credential: TokenCredential = {
  getToken: async (scope) => ({ token: `token-for-${scope}`, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/** A fake Key Vault secrets endpoint: checks the token and keeps secrets in a map. */
function fakeVault() {
  const secrets = new Map<string, { value: string; contentType: string }>();
  const calls: string[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(input));
    calls.push(`${init?.method} ${u.pathname}${u.search}`);
    const auth = new Headers(init?.headers).get('authorization');
    if (auth !== 'Bearer token-for-https://vault.azure.net/.default')
      return new Response('no', { status: 401 });
    const name = u.pathname.replace('/secrets/', '');
    if (init?.method === 'PUT') {
      secrets.set(name, JSON.parse(String(init.body)));
      return Response.json({ id: `${u.origin}/secrets/${name}/v1` });
    }
    const found = secrets.get(name);
    return found
      ? Response.json({ value: found.value })
      : Response.json({ error: { code: 'SecretNotFound' } }, { status: 404 });
  }) as typeof fetch;
  return { secrets, calls, fetchImpl };
}

describe('KeyVaultSecrets', () => {
  it('reads, writes and reports a missing secret as undefined', async () => {
    const vault = fakeVault();
    const kv = new KeyVaultSecrets('https://kv-test.vault.azure.net/', credential, vault.fetchImpl);
    expect(await kv.get('license-signing-keys')).toBeUndefined();
    await kv.set('license-signing-keys', '{"version":1}', 'application/json');
    expect(await kv.get('license-signing-keys')).toBe('{"version":1}');
    expect(vault.secrets.get('license-signing-keys')?.contentType).toBe('application/json');
    expect(vault.calls[0]).toBe('GET /secrets/license-signing-keys?api-version=7.4');
  });

  it('fails with a code on other errors and refuses bad names', async () => {
    const vault = fakeVault();
    const denied = new KeyVaultSecrets(
      'https://kv-test.vault.azure.net',
      { getToken: async () => ({ token: 'x', expiresOnTimestamp: 0 }) },
      vault.fetchImpl,
    );
    await expect(denied.get('license-signing-keys')).rejects.toMatchObject({
      code: 'KEYVAULT.REQUEST_FAILED',
    });
    const kv = new KeyVaultSecrets('https://kv-test.vault.azure.net', credential, vault.fetchImpl);
    await expect(kv.get('../keys/x')).rejects.toThrow(/Invalid Key Vault secret name/);
  });
});

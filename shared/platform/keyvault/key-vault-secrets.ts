/**
 * The two Key Vault secret operations the platform needs (read one, write a new version), over the
 * Key Vault REST API with an Entra ID token. Used by provisioning scripts; the apps themselves receive
 * secrets as resolved Key Vault references in their settings.
 */
import type { TokenCredential } from '@azure/identity';
import { AppError } from '../errors';

const API_VERSION = '7.4';
const SCOPE = 'https://vault.azure.net/.default';
const NAME = /^[0-9A-Za-z-]{1,127}$/;

export class KeyVaultSecrets {
  private readonly base: string;

  /** `vaultUri`: `https://<vault>.vault.azure.net/` (the Bicep output). */
  constructor(
    vaultUri: string,
    private readonly credential: TokenCredential,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.base = vaultUri.replace(/\/+$/, '');
  }

  private async request(method: 'GET' | 'PUT', name: string, body?: unknown): Promise<Response> {
    if (!NAME.test(name)) throw new Error(`Invalid Key Vault secret name ${name}`);
    const token = await this.credential.getToken(SCOPE);
    if (!token) throw new AppError('KEYVAULT.NO_TOKEN', 'No Entra ID token for Key Vault', 503);
    return this.fetchImpl(`${this.base}/secrets/${name}?api-version=${API_VERSION}`, {
      method,
      headers: {
        authorization: `Bearer ${token.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }

  /** The current value, or undefined when the secret does not exist. */
  async get(name: string): Promise<string | undefined> {
    const res = await this.request('GET', name);
    if (res.status === 404) return undefined;
    if (!res.ok) throw await failure(res, `read secret ${name}`);
    return ((await res.json()) as { value?: string }).value;
  }

  /** Writes a new version of the secret. */
  async set(name: string, value: string, contentType: string): Promise<void> {
    const res = await this.request('PUT', name, { value, contentType });
    if (!res.ok) throw await failure(res, `write secret ${name}`);
  }
}

async function failure(res: Response, what: string): Promise<AppError> {
  const text = await res.text().catch(() => '');
  return new AppError(
    'KEYVAULT.REQUEST_FAILED',
    `Key Vault: could not ${what} (${res.status}) ${text.slice(0, 300)}`,
    502,
  );
}

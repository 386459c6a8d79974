/**
 * Key Vault secrets through `@azure/keyvault-secrets`, for apps that read and write secrets at run time
 * (the client deployment's licence key and deployment credential). In Azure the connection is
 * `KEYVAULT__vaultUri` with the app's managed identity; locally `KEYVAULT` is a connection string
 * `VaultUri=https://127.0.0.1:<port>/;AccessToken=<token>` of the local stand-in (local/keyvault), whose
 * access token stands in for the managed identity's Entra ID token.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import type { Connection } from '../config';
import { azureCredential, parseConnectionString } from '../identity';

/** The port use cases depend on. */
export interface SecretStore {
  /** The current value, or undefined when the secret does not exist. */
  get(name: string): Promise<string | undefined>;
  /** Writes a new version. */
  set(name: string, value: string): Promise<void>;
}

/** A credential that always returns one fixed token (the local stand-in's access token). */
function staticToken(token: string): TokenCredential {
  return {
    getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
}

export class KeyVaultSecretStore implements SecretStore {
  private readonly client: SecretClient;

  constructor(connection: Connection) {
    if (connection.kind === 'identity') {
      this.client = new SecretClient(connection.endpoint, azureCredential());
    } else {
      const cs = parseConnectionString(connection.value);
      const vaultUri = cs.get('vaulturi');
      const token = cs.get('accesstoken');
      if (!vaultUri || !token) throw new Error('KEYVAULT must be VaultUri=…;AccessToken=…');
      // The stand-in's challenge names its own authority; the resource check would want *.vault.azure.net.
      this.client = new SecretClient(vaultUri, staticToken(token), {
        disableChallengeResourceVerification: true,
      });
    }
  }

  async get(name: string): Promise<string | undefined> {
    try {
      return (await this.client.getSecret(name)).value;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  }

  async set(name: string, value: string): Promise<void> {
    await this.client.setSecret(name, value);
  }
}

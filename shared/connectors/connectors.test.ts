import { describe, expect, it } from 'vitest';
import { connectorTypeFor } from '../contracts/connector';
import { SOURCE_TYPES, type SourceType } from '../contracts/demo-config';
import { KeyVaultSecrets } from '../platform/keyvault/key-vault-secrets';
import { parseDefinition } from './connectors';
import type { SecretStore } from './ports';
import { classifyPgError } from './postgres/pg-errors';
import { maskSecret, redact, toSourceError } from './source-error';

/** What each declared type maps to; a new Config type fails the test until it is placed here. */
const EXPECTED: Record<SourceType, string | null> = {
  sqlserver: null,
  postgresql: 'postgresql',
  dynamics365: null,
  sap: null,
  salesforce: null,
  csv: 'blob-files',
  excel: 'blob-files',
  rest: 'rest',
};

describe('source types', () => {
  it('lists every type the Config app declares as available or not yet available, never silently', () => {
    for (const type of SOURCE_TYPES) expect(connectorTypeFor(type)).toBe(EXPECTED[type]);
    for (const type of ['sqlserver', 'dynamics365', 'sap', 'salesforce']) {
      expect(() => parseDefinition({ type, host: 'x' })).toThrow(
        expect.objectContaining({ code: 'SOURCE.TYPE_UNAVAILABLE', httpStatus: 422 }),
      );
    }
    expect(() => parseDefinition({ type: 'postgresql', host: 'h' })).toThrow(
      expect.objectContaining({ code: 'REQUEST.VALIDATION_FAILED' }),
    );
    expect(parseDefinition({ type: 'postgresql', host: 'h', database: 'd', user: 'u' })).toMatchObject({
      port: 5432,
      sslMode: 'verify-full',
      schema: 'public',
    });
  });
});

describe('PostgreSQL error codes', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it.each([
    ['28P01', 'SOURCE.AUTH_FAILED'],
    ['28000', 'SOURCE.AUTH_FAILED'],
    ['3D000', 'SOURCE.NOT_FOUND'],
    ['42501', 'SOURCE.PERMISSION'],
    ['57014', 'SOURCE.TIMEOUT'],
    ['ECONNREFUSED', 'SOURCE.UNREACHABLE'],
    ['ENOTFOUND', 'SOURCE.UNREACHABLE'],
    ['ETIMEDOUT', 'SOURCE.TIMEOUT'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SOURCE.TLS'],
  ])('%s → %s', (code, expected) => {
    expect(classifyPgError(pgError(code))).toBe(expected);
  });
  it('reads pg messages without a SQLSTATE', () => {
    expect(classifyPgError(new Error('Connection terminated due to connection timeout'))).toBe(
      'SOURCE.TIMEOUT',
    );
    expect(classifyPgError(new Error('The server does not support SSL connections'))).toBe('SOURCE.TLS');
  });
});

describe('secrets in errors', () => {
  it('cuts secret values out of any message and masks them for display', () => {
    const secret = 'S3cret-Value-123';
    const err = toSourceError(
      new Error(`login failed for password ${secret}`),
      [secret],
      () => 'SOURCE.AUTH_FAILED',
    );
    expect(err.code).toBe('SOURCE.AUTH_FAILED');
    expect(err.message).not.toContain(secret);
    expect(redact(`a ${secret} b ${secret}`, [secret])).toBe('a *** b ***');
    expect(maskSecret(secret)).toBe('••••••••23');
    expect(maskSecret('short')).toBe('••••••••');
  });
});

describe('SecretStore', () => {
  it('is the shape of the Key Vault adapter, so the app passes KeyVaultSecrets as it is', () => {
    const store: SecretStore = new KeyVaultSecrets('https://kv.vault.azure.net/', {
      getToken: async () => null,
    });
    expect(typeof store.get).toBe('function');
  });
});

import { describe, expect, it } from 'vitest';
import { bool, ConfigError, connection, defineSettings, int, lazyConfig, list, text, url } from './config';

const spec = defineSettings({
  cosmos: connection('COSMOS', 'accountEndpoint'),
  serviceBus: connection('SERVICEBUS', 'fullyQualifiedNamespace'),
  storage: connection('STORAGE', 'blobServiceUri'),
  email: connection('EMAIL', 'endpoint'),
  emailSender: text('EMAIL_SENDER'),
  authIssuer: url('AUTH_ISSUER'),
  authAudience: text('AUTH_AUDIENCE'),
  corsOrigins: list('CORS_ORIGINS', { optional: true }),
  cosmosDatabase: text('COSMOS_DATABASE', { default: 'kpi' }),
  sweepBatch: int('SWEEP_BATCH', { default: 100, min: 1 }),
});

const local = {
  COSMOS: 'AccountEndpoint=http://127.0.0.1:8081/;AccountKey=a2V5;',
  SERVICEBUS:
    'Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=x;SharedAccessKey=y;UseDevelopmentEmulator=true',
  STORAGE: 'UseDevelopmentStorage=true',
  EMAIL: 'endpoint=http://127.0.0.1:7073/;accesskey=a2V5',
  EMAIL_SENDER: 'noreply@kpi.example',
  AUTH_ISSUER: 'http://127.0.0.1:7072/',
  AUTH_AUDIENCE: 'api://kpi',
};

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    spec.load(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('CONFIG.INVALID');
    return (err as ConfigError).problems;
  }
  throw new Error('expected ConfigError');
}

describe('defineSettings', () => {
  it('loads local connection strings and applies non-secret defaults', () => {
    const c = spec.load(local);
    expect(c.cosmos).toEqual({ kind: 'connectionString', value: local.COSMOS });
    expect(c.authIssuer).toBe('http://127.0.0.1:7072');
    expect(c.corsOrigins).toEqual([]);
    expect(c.cosmosDatabase).toBe('kpi');
    expect(c.sweepBatch).toBe(100);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('loads identity-based connections', () => {
    const c = spec.load({
      ...local,
      COSMOS: undefined,
      COSMOS__accountEndpoint: 'https://acct.documents.azure.com:443/',
      SERVICEBUS: undefined,
      SERVICEBUS__fullyQualifiedNamespace: 'ns.servicebus.windows.net',
      CORS_ORIGINS: ' https://a.example , https://b.example,',
      SWEEP_BATCH: '25',
    });
    expect(c.cosmos).toEqual({ kind: 'identity', endpoint: 'https://acct.documents.azure.com:443/' });
    expect(c.serviceBus).toEqual({ kind: 'identity', endpoint: 'ns.servicebus.windows.net' });
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.sweepBatch).toBe(25);
  });

  it('lists every missing setting in one error', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(7);
    for (const name of [
      'COSMOS',
      'SERVICEBUS',
      'STORAGE',
      'EMAIL',
      'EMAIL_SENDER',
      'AUTH_ISSUER',
      'AUTH_AUDIENCE',
    ]) {
      expect(problems.some((p) => p.startsWith(`${name} `))).toBe(true);
    }
    expect(problems[0]).toContain('COSMOS__accountEndpoint');
  });

  it('lists every malformed setting together with missing ones, without echoing values', () => {
    const problems = problemsOf({
      ...local,
      EMAIL_SENDER: '  ',
      AUTH_ISSUER: 'not a url',
      SWEEP_BATCH: '0',
      COSMOS: 'secret-without-equals',
      STORAGE: undefined,
      STORAGE__blobServiceUri: 'ftp://x',
    });
    expect(problems).toEqual([
      'COSMOS is not a connection string (expected key=value pairs)',
      'STORAGE__blobServiceUri is not a valid URL',
      'EMAIL_SENDER is missing',
      'AUTH_ISSUER is not an absolute http(s) URL',
      'SWEEP_BATCH must be >= 1',
    ]);
    expect(problems.join()).not.toContain('secret-without-equals');
  });

  it('rejects non-integers and bad booleans', () => {
    const s = defineSettings({ n: int('N', { max: 5 }), b: bool('B') });
    expect(() => s.load({ N: '1.5', B: 'yes' })).toThrow(/N is not an integer[\s\S]*B must be true or false/);
    expect(() => s.load({ N: '6', B: '1' })).toThrow(/N must be <= 5/);
    expect(s.load({ N: '-2', B: 'FALSE' })).toEqual({ n: -2, b: false });
  });

  it('names settings as Bicep and local settings declare them', () => {
    expect(spec.azureNames).toEqual([
      'COSMOS__accountEndpoint',
      'SERVICEBUS__fullyQualifiedNamespace',
      'STORAGE__blobServiceUri',
      'EMAIL__endpoint',
      'EMAIL_SENDER',
      'AUTH_ISSUER',
      'AUTH_AUDIENCE',
      'CORS_ORIGINS',
      'COSMOS_DATABASE',
      'SWEEP_BATCH',
    ]);
    expect(spec.localNames.slice(0, 5)).toEqual(['COSMOS', 'SERVICEBUS', 'STORAGE', 'EMAIL', 'EMAIL_SENDER']);
  });
});

describe('lazyConfig', () => {
  it('reads once and memoises', () => {
    const env: Record<string, string | undefined> = { X: 'one' };
    const get = lazyConfig(defineSettings({ x: text('X') }), env);
    expect(get().x).toBe('one');
    env.X = 'two';
    expect(get().x).toBe('one');
    expect(get()).toBe(get());
  });

  it('keeps throwing the same error', () => {
    const get = lazyConfig(defineSettings({ x: text('X') }), {});
    expect(get).toThrow(ConfigError);
    expect(get).toThrow(/X is missing/);
  });
});

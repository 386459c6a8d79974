import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig, RuntimeConfigError } from './runtime-config';

const valid = {
  apiBase: 'http://127.0.0.1:7071/api/',
  issuer: 'http://127.0.0.1:7072',
  clientId: 'kpi-config',
  audience: 'api://kpi-platform',
  app: 'config',
};

describe('parseRuntimeConfig', () => {
  it('accepts the deployed shape and trims trailing slashes', () => {
    expect(parseRuntimeConfig(valid)).toEqual({ ...valid, apiBase: 'http://127.0.0.1:7071/api' });
  });

  it('lists every problem in one error', () => {
    const attempt = () => parseRuntimeConfig({ ...valid, issuer: 'localhost:7072', clientId: '', app: 3 });
    expect(attempt).toThrow(RuntimeConfigError);
    expect(attempt).toThrow(/"clientId".*"app".*"issuer" must be an absolute/);
  });

  it('rejects non-objects', () => {
    expect(() => parseRuntimeConfig([])).toThrow(/JSON object/);
  });
});

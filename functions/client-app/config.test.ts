import { describe, expect, it } from 'vitest';
import { release, SOURCE_VERSION } from './config';

const vendorKeys = { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'x', kid: 'vendor-1' }] };

describe('release: what the app trusts and reports', () => {
  it('from a package carrying licence keys: its keys and version, whatever the setting says', () => {
    const r = release({ version: '1.2.3+abc', kid: 'rel-1', licenseJwks: vendorKeys }, () => '{"keys":[]}');
    expect(r).toEqual({ trustedJwks: vendorKeys, appVersion: '1.2.3+abc', source: 'package' });
  });

  it('from source: the LICENSE_TRUSTED_JWKS setting and the source version', () => {
    expect(release(undefined, () => JSON.stringify(vendorKeys))).toEqual({
      trustedJwks: vendorKeys,
      appVersion: SOURCE_VERSION,
      source: 'settings',
    });
  });

  it('refuses to guess: no keys anywhere, or a setting that is not a JWKS, is CONFIG.INVALID', () => {
    expect(() => release(undefined, () => undefined)).toThrow(/LICENSE_TRUSTED_JWKS is missing/);
    expect(() => release({ version: '1.0.0', kid: 'k' }, () => undefined)).toThrow(
      /package 1.0.0 carries no licence keys/,
    );
    expect(() => release(undefined, () => 'nope')).toThrow(/not JSON/);
    expect(() => release(undefined, () => '{"x":1}')).toThrow(/not a JWKS/);
  });
});

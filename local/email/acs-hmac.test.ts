import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acsSignature, contentHash, maxClockSkewMs, verifyAcsRequest } from './acs-hmac';

const key = randomBytes(32).toString('base64');
const body = Buffer.from('{"a":1}');
const date = 'Tue, 01 Jul 2025 10:00:00 GMT';
const now = Date.parse(date);

function request(overrides: { key?: string; url?: string; host?: string; date?: string } = {}) {
  const hash = contentHash(body);
  const d = overrides.date ?? date;
  return {
    method: 'POST',
    url: '/emails:send?api-version=2025-09-01',
    host: '127.0.0.1:7073',
    body,
    headers: {
      'x-ms-date': d,
      'x-ms-content-sha256': hash,
      authorization: acsSignature(
        overrides.key ?? key,
        'POST',
        overrides.url ?? '/emails:send?api-version=2025-09-01',
        d,
        overrides.host ?? '127.0.0.1:7073',
        hash,
      ),
    },
  };
}

describe('verifyAcsRequest', () => {
  it('accepts a correctly signed request', () => {
    expect(verifyAcsRequest(request(), key, now)).toEqual({ ok: true });
  });
  it('rejects another key, another path, another host', () => {
    expect(verifyAcsRequest(request({ key: randomBytes(32).toString('base64') }), key, now).ok).toBe(false);
    expect(verifyAcsRequest(request({ url: '/emails:send?api-version=2021-10-01' }), key, now).ok).toBe(
      false,
    );
    expect(verifyAcsRequest(request({ host: 'evil.example' }), key, now).ok).toBe(false);
  });
  it('rejects a date too far from the clock', () => {
    expect(verifyAcsRequest(request(), key, now + maxClockSkewMs + 1000)).toMatchObject({ ok: false });
    expect(verifyAcsRequest(request(), key, now + maxClockSkewMs - 1000)).toEqual({ ok: true });
  });
  it('rejects a missing Authorization header', () => {
    const r = request();
    const { authorization: _dropped, ...headers } = r.headers;
    expect(verifyAcsRequest({ ...r, headers }, key, now)).toMatchObject({ ok: false });
  });
});

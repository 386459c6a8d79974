import { describe, expect, it } from 'vitest';
import { checkLicense, MIN_RECHECK_MS } from './license-check';

const api = 'http://127.0.0.1:7071/api';
const deployment = { id: 'sim-a-0001', authorization: 'Deployment c1.s3cret', licenseKey: 'k.e.y' };
const now = Date.parse('2026-11-26T12:00:00Z');

const validation = (checkAgainAt: string) => ({
  licenseId: 'lic_1',
  status: 'active',
  mode: 'full',
  daysLeft: 300,
  kpiIds: ['kpi-a'],
  edition: 'professional',
  features: [],
  serverTime: new Date(now).toISOString(),
  checkAgainAt,
});

/** A fetch that records the request and answers `status` with `body`. */
function answering(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe('checkLicense', () => {
  it('posts the key and deployment id with the credential, and checks again when the service says', async () => {
    const { calls, fetchImpl } = answering(200, validation('2026-11-27T12:00:00.000Z'));
    const check = await checkLicense(api, deployment, () => now, fetchImpl);
    expect(check).toEqual({ kind: 'valid', checkAgainAt: Date.parse('2026-11-27T12:00:00Z') });
    expect(calls[0]?.url).toBe(`${api}/license/validations`);
    expect(new Headers(calls[0]?.init?.headers).get('authorization')).toBe('Deployment c1.s3cret');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ key: 'k.e.y', deploymentId: 'sim-a-0001' });
  });

  it('waits at least a minute, even when the service asks for an earlier check', async () => {
    const { fetchImpl } = answering(200, validation('2026-11-26T11:00:00.000Z'));
    expect(await checkLicense(api, deployment, () => now, fetchImpl)).toEqual({
      kind: 'valid',
      checkAgainAt: now + MIN_RECHECK_MS,
    });
  });

  it('names the refusal by its error code', async () => {
    const { fetchImpl } = answering(403, { error: { code: 'LICENSE.REVOKED', message: 'revoked' } });
    expect(await checkLicense(api, deployment, () => now, fetchImpl)).toEqual({
      kind: 'refused',
      status: 403,
      code: 'LICENSE.REVOKED',
    });
  });

  it('treats a 5xx, a malformed answer and a network error as failed, to try again later', async () => {
    expect((await checkLicense(api, deployment, () => now, answering(503, {}).fetchImpl)).kind).toBe(
      'failed',
    );
    expect((await checkLicense(api, deployment, () => now, answering(200, { ok: 1 }).fetchImpl)).kind).toBe(
      'failed',
    );
    const offline = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await checkLicense(api, deployment, () => now, offline)).toEqual({
      kind: 'failed',
      reason: 'fetch failed',
    });
  });
});

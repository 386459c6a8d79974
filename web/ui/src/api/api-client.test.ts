import { describe, expect, it } from 'vitest';
import { createApiClient } from './api-client';
import { ApiError } from './api-error';

type Call = { url: string; init: RequestInit };

function fakeFetch(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return respond(call);
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

/** A fetch that never answers, but stops when its signal aborts (as the real one does). */
const hangingFetch = (async (_input: RequestInfo | URL, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  })) as typeof globalThis.fetch;

describe('createApiClient', () => {
  it("gives up after timeoutMs, and passes the caller's abort through unchanged", async () => {
    const client = createApiClient({
      baseUrl: 'http://api.test/api',
      getAccessToken: () => 'tok',
      fetch: hangingFetch,
      timeoutMs: 20,
    });
    await expect(client.get('slow')).rejects.toMatchObject({ status: 0, code: 'NETWORK.TIMEOUT' });
    const controller = new AbortController();
    const pending = client.get('slow', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('sends the bearer token and JSON, and parses the JSON answer', async () => {
    const { calls, fetch } = fakeFetch(() => Response.json({ ok: true }));
    const client = createApiClient({ baseUrl: 'http://api.test/api/', getAccessToken: () => 'tok', fetch });
    await expect(client.post('/metadata/kpis', { name: 'x' })).resolves.toEqual({ ok: true });
    const call = calls[0]!;
    expect(call.url).toBe('http://api.test/api/metadata/kpis');
    expect(call.init.method).toBe('POST');
    expect(call.init.body).toBe('{"name":"x"}');
    expect(call.init.headers).toMatchObject({
      authorization: 'Bearer tok',
      'content-type': 'application/json',
    });
  });

  it('turns the error body into an ApiError with code, details and request id', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json(
        { error: { code: 'AUTH.FORBIDDEN', message: 'Vendor staff only', details: { requestId: 'r-1' } } },
        { status: 403 },
      ),
    );
    const client = createApiClient({ baseUrl: 'http://api.test/api', getAccessToken: () => 'tok', fetch });
    const error = await client.get('monitoring/events').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 403,
      code: 'AUTH.FORBIDDEN',
      message: 'Vendor staff only',
      requestId: 'r-1',
    });
  });

  it('keeps the request id from a header and names non-JSON failures by status', async () => {
    const { fetch } = fakeFetch(
      () => new Response('<html>bad gateway</html>', { status: 502, headers: { 'x-request-id': 'hdr-9' } }),
    );
    const client = createApiClient({
      baseUrl: 'http://api.test/api',
      getAccessToken: () => undefined,
      fetch,
    });
    await expect(client.get('x')).rejects.toMatchObject({
      status: 502,
      code: 'HTTP.502',
      requestId: 'hdr-9',
    });
  });

  it('calls onUnauthorized on 401 and reports an unreachable API', async () => {
    let unauthorized = 0;
    const { fetch } = fakeFetch(() =>
      Response.json({ error: { code: 'AUTH.TOKEN_EXPIRED', message: 'expired' } }, { status: 401 }),
    );
    const client = createApiClient({
      baseUrl: 'http://api.test/api',
      getAccessToken: () => 'old',
      onUnauthorized: () => unauthorized++,
      fetch,
    });
    await expect(client.get('x')).rejects.toMatchObject({ code: 'AUTH.TOKEN_EXPIRED' });
    expect(unauthorized).toBe(1);

    const down = createApiClient({
      baseUrl: 'http://api.test/api',
      getAccessToken: () => 'tok',
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof globalThis.fetch,
    });
    await expect(down.get('x')).rejects.toMatchObject({ status: 0, code: 'NETWORK.UNREACHABLE' });
  });
});

describe('per-app API bases', () => {
  it('sends a path to its app base and other paths to the default base', async () => {
    const seen: string[] = [];
    const fetch = (async (url: string) => {
      seen.push(url);
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    const client = createApiClient({
      baseUrl: 'http://gateway.test/api',
      apiBases: { metadata: 'https://metadata.test/api/' },
      getAccessToken: () => 'tok',
      fetch,
    });
    await client.get('metadata/tree');
    await client.get('/monitoring/events');
    expect(seen).toEqual([
      'https://metadata.test/api/metadata/tree',
      'http://gateway.test/api/monitoring/events',
    ]);
  });
});

describe('onResponse', () => {
  it('sees the headers of successes and failures alike', async () => {
    const states: (string | null)[] = [];
    let status = 200;
    const { fetch } = fakeFetch(() =>
      status === 200
        ? Response.json({ ok: true }, { headers: { 'x-license-state': 'grace' } })
        : Response.json(
            { error: { code: 'LICENSE.EXPIRED', message: 'expired' } },
            { status, headers: { 'x-license-state': 'refused' } },
          ),
    );
    const client = createApiClient({
      baseUrl: 'http://api.test/api',
      getAccessToken: () => 'tok',
      fetch,
      onResponse: (response) => states.push(response.headers.get('x-license-state')),
    });
    await client.get('client-app/kpis');
    status = 403;
    await expect(client.get('client-app/kpis')).rejects.toMatchObject({ code: 'LICENSE.EXPIRED' });
    expect(states).toEqual(['grace', 'refused']);
  });
});

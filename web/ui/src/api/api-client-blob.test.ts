import { describe, expect, it } from 'vitest';
import { createApiClient } from './api-client';

describe('createApiClient().requestBlob', () => {
  it('sends the token and JSON body, and returns the bytes with their content type', async () => {
    const calls: RequestInit[] = [];
    const client = createApiClient({
      baseUrl: 'http://api.test/api',
      getAccessToken: () => 'tok',
      fetch: (async (_url: RequestInfo | URL, init?: RequestInit) => {
        calls.push(init ?? {});
        return new Response(new Uint8Array([0x50, 0x4b, 3, 4]), {
          headers: {
            'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          },
        });
      }) as typeof fetch,
    });
    const blob = await client.requestBlob('POST', 'demo-config/x', { body: { a: 1 } });
    expect(blob.type).toContain('wordprocessingml');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x50, 0x4b, 3, 4]);
    const headers = calls[0]?.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer tok');
    expect(headers.accept).toBe('*/*');
    expect(calls[0]?.body).toBe('{"a":1}');
  });

  it('raises the API error of a failed download', async () => {
    const client = createApiClient({
      baseUrl: 'http://api.test/api',
      getAccessToken: () => 'tok',
      fetch: (async () =>
        Response.json(
          { error: { code: 'SOW.NOT_FOUND', message: 'No version 9' } },
          { status: 404 },
        )) as unknown as typeof fetch,
    });
    await expect(client.requestBlob('GET', 'demo-config/x/sows/9/pdf')).rejects.toMatchObject({
      status: 404,
      code: 'SOW.NOT_FOUND',
    });
  });
});

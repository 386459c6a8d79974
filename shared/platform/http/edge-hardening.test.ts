/**
 * Issue 12 regressions at the edge: odd path ids, deeply nested bodies and responses, quoted ETags.
 * Every app goes through `httpRoute`, so these hold for all of them.
 */
import { HttpRequest, type HttpResponseInit, InvocationContext } from '@azure/functions';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { atLeast } from '../auth/roles';
import { createTestIssuer } from '../auth/test-issuer';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './body';
import { configureHttpEdge } from './edge-config';
import { ifMatchMatches, ifNoneMatchMatches, quoteEtag } from './etag';
import { type DeclaredRoute, httpRoute } from './route';

const APP = 'hardening';
let token = '';

beforeAll(async () => {
  const iss = await createTestIssuer();
  configureHttpEdge({ verifier: iss.verifier, corsOrigins: [] });
  token = await iss.user('eddie', 'contoso', ['editor']);
});

let handlerRuns = 0;
// No params schema on purpose: the edge alone must stop odd ids, whatever the app declares.
const getDeployment = httpRoute({
  app: APP,
  name: 'deployment-get',
  method: 'GET',
  route: 'tenants/{tenantId}/deployments/{deploymentId}',
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  handler: async ({ params }) => {
    handlerRuns++;
    return { body: { id: params.deploymentId }, headers: { etag: 'bare-etag-1eb9' } };
  },
});

const postResult = httpRoute({
  app: APP,
  name: 'result-post',
  method: 'POST',
  route: 'tenants/{tenantId}/commands/{commandId}/result',
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  body: z.object({ diagnostics: z.unknown() }),
  handler: async ({ body }) => {
    handlerRuns++;
    return { body };
  },
});

function deep(levels: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = { d: v };
  return v;
}

const deepResponse = httpRoute({
  app: APP,
  name: 'deep-get',
  method: 'GET',
  route: 'deep',
  roles: 'public',
  handler: async () => ({ body: deep(20_000) }),
});

async function call(
  route: DeclaredRoute,
  o: { method?: string; params?: Record<string, string>; body?: string; headers?: Record<string, string> },
) {
  const request = new HttpRequest({
    method: o.method ?? 'GET',
    url: `http://127.0.0.1:7071/api/${APP}/x`,
    headers: {
      authorization: `Bearer ${token}`,
      ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...o.headers,
    },
    params: o.params ?? {},
    ...(o.body !== undefined ? { body: { string: o.body } } : {}),
  });
  const context = new InvocationContext({ invocationId: 'i', functionName: 'f', logHandler: () => {} });
  const res = (await route.handler(request, context)) as HttpResponseInit;
  const json = typeof res.body === 'string' && res.body ? JSON.parse(res.body) : undefined;
  return { status: res.status, headers: res.headers as Record<string, string>, json };
}

describe('edge: path ids', () => {
  const odd = ['a/b', 'a\\b', 'a#b', 'a?b', ' ', 'a b', '-lead', 'x'.repeat(129), 'é', 'a\u0000b', '..'];
  it.each(odd)('400 REQUEST.VALIDATION_FAILED naming deploymentId for %j, before the handler', async (id) => {
    const before = handlerRuns;
    const r = await call(getDeployment, { params: { tenantId: 'contoso', deploymentId: id } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(r.json.error.details).toEqual([
      { in: 'params', path: 'deploymentId', message: expect.any(String) },
    ]);
    expect(handlerRuns).toBe(before);
  });

  it('a bad tenant id is a 400 naming tenantId (not a 403)', async () => {
    for (const tenantId of ['Contoso', 'con/toso', 'contoso ', 'a'.repeat(64)]) {
      const r = await call(getDeployment, { params: { tenantId, deploymentId: 'd1' } });
      expect(r.status).toBe(400);
      expect(r.json.error.details[0].path).toBe('tenantId');
    }
  });

  it('ids made of letters, digits and _ - . : ~ pass (history ids embed ISO times, alert ids join with ~)', async () => {
    for (const deploymentId of [
      'contoso-prod',
      'd_1',
      'h-2026-01-01T00:00:00.000Z',
      'contoso-lab~heartbeat-missing~1',
      'x'.repeat(128),
    ]) {
      const r = await call(getDeployment, { params: { tenantId: 'contoso', deploymentId } });
      expect(r.status).toBe(200);
    }
  });
});

describe('edge: nesting depth', () => {
  it('400 REQUEST.NESTING_TOO_DEEP for a body nested 10,000 deep, before the handler', async () => {
    const before = handlerRuns;
    const body = `{"diagnostics":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const r = await call(postResult, {
      method: 'POST',
      params: { tenantId: 'contoso', commandId: 'c1' },
      body,
    });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('REQUEST.NESTING_TOO_DEEP');
    expect(handlerRuns).toBe(before);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels; brackets inside strings do not count`, async () => {
    const r = await call(postResult, {
      method: 'POST',
      params: { tenantId: 'contoso', commandId: 'c1' },
      body: JSON.stringify({
        diagnostics: { note: '[[[[{{{{'.repeat(100), nested: deep(MAX_JSON_DEPTH - 2) },
      }),
    });
    expect(r.status).toBe(200);
    expect(jsonDepthExceeds(JSON.stringify(deep(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify(deep(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonDepthExceeds('"\\"[[[["', 1)).toBe(false);
  });

  it('a response too deep to serialise is a 500 with the error shape and an id, not a RangeError', async () => {
    const r = await call(deepResponse, {});
    expect(r.status).toBe(500);
    expect(r.json.error).toEqual({
      code: 'RESPONSE.NOT_SERIALISABLE',
      message: expect.any(String),
      id: expect.any(String),
    });
  });
});

describe('edge: ETags', () => {
  it('sends a bare ETag from a handler or store in the standard quoted form', async () => {
    const r = await call(getDeployment, { params: { tenantId: 'contoso', deploymentId: 'd1' } });
    expect(r.headers.etag).toBe('"bare-etag-1eb9"');
  });

  it('If-None-Match: the quoted form and the old bare form both give 304', async () => {
    for (const inm of [
      '"bare-etag-1eb9"',
      'bare-etag-1eb9',
      'W/"bare-etag-1eb9"',
      '"other", "bare-etag-1eb9"',
    ]) {
      const r = await call(getDeployment, {
        params: { tenantId: 'contoso', deploymentId: 'd1' },
        headers: { 'if-none-match': inm },
      });
      expect(r.status, inm).toBe(304);
    }
  });

  it('quoteEtag / ifMatchMatches / ifNoneMatchMatches', () => {
    expect(quoteEtag('abc')).toBe('"abc"');
    expect(quoteEtag('"abc"')).toBe('"abc"');
    expect(quoteEtag('W/"abc"')).toBe('W/"abc"');
    expect(quoteEtag('*')).toBe('*');
    expect(ifMatchMatches('"abc"', '"abc"')).toBe(true);
    expect(ifMatchMatches('abc', '"abc"')).toBe(true);
    expect(ifMatchMatches('"abc"', 'abc')).toBe(true);
    expect(ifMatchMatches('W/"abc"', '"abc"')).toBe(false);
    expect(ifMatchMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(ifMatchMatches('*', '"abc"')).toBe(true);
    expect(ifMatchMatches('"abd"', '"abc"')).toBe(false);
    expect(ifNoneMatchMatches('"a,b"', '"a,b"')).toBe(true);
    expect(ifNoneMatchMatches('W/"abc"', '"abc"')).toBe(true);
  });
});

import { HttpRequest, type HttpResponseInit, InvocationContext } from '@azure/functions';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { atLeast } from '../auth/roles';
import { createTestIssuer, type TestIssuer } from '../auth/test-issuer';
import { AppError, conflict } from '../errors';
import { configureHttpEdge } from './edge-config';
import { fallbackHandler } from './fallback';
import { httpRoute } from './route';

const APP = 'edge';
const ORIGIN = 'https://config.kpi.example';
let iss: TestIssuer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  iss = await createTestIssuer();
  configureHttpEdge({ verifier: iss.verifier, corsOrigins: [`${ORIGIN}/`] });
  tokens.eddie = await iss.user('eddie', 'contoso', ['editor']);
  tokens.vera = await iss.user('vera', 'contoso', ['viewer']);
  tokens.alex = await iss.user('alex', 'fabrikam', ['admin']);
  tokens.ada = await iss.user('ada', undefined, ['platform-admin']);
});

const itemBody = z.object({ name: z.string().min(1).max(40), tags: z.array(z.string()).max(3).default([]) });

const createItem = httpRoute({
  app: APP,
  name: 'items-post',
  method: 'POST',
  route: 'tenants/{tenantId}/items',
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: z.object({ tenantId: z.string().regex(/^[a-z]+$/) }),
  body: itemBody,
  maxBodyBytes: 200,
  handler: async ({ caller, params, body }) => {
    if (body.name === 'dup') throw conflict('ITEM.CONFLICT', 'Item exists');
    if (body.name === 'boom') throw new Error('database password is hunter2');
    return { status: 201, body: { ...body, tenantId: params.tenantId, by: caller.subject } };
  },
});

const listItems = httpRoute({
  app: APP,
  name: 'items-get',
  method: 'GET',
  route: 'tenants/{tenantId}/items',
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
  cache: { maxAgeSeconds: 30 },
  handler: async ({ query, params }) => ({ body: { tenantId: params.tenantId, limit: query.limit } }),
});

const health = httpRoute({
  app: APP,
  name: 'health-get',
  method: 'GET',
  route: 'health',
  roles: 'public',
  handler: async ({ caller }) => ({ body: { ok: true, anonymous: caller === undefined } }),
});

const fallback = fallbackHandler(APP);

interface Call {
  method?: string;
  path?: string;
  token?: string;
  headers?: Record<string, string>;
  body?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
}

async function call(route: { handler: typeof fallback } | typeof fallback, c: Call = {}) {
  const lines: string[] = [];
  const context = new InvocationContext({
    invocationId: 'inv-1',
    functionName: 'f',
    logHandler: (_level, ...args) => lines.push(String(args[0])),
  });
  const headers: Record<string, string> = { ...c.headers };
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  if (c.body !== undefined) headers['content-type'] ??= 'application/json';
  const request = new HttpRequest({
    method: c.method ?? 'GET',
    url: `http://127.0.0.1:7071/api/${APP}/${c.path ?? 'x'}`,
    headers,
    params: c.params ?? {},
    query: c.query ?? {},
    ...(c.body !== undefined ? { body: { string: c.body } } : {}),
  });
  const handler = typeof route === 'function' ? route : route.handler;
  const res = (await handler(request, context)) as HttpResponseInit;
  const h = res.headers as Record<string, string>;
  const json = typeof res.body === 'string' && res.body ? JSON.parse(res.body) : undefined;
  return { status: res.status, headers: h, json, raw: res.body, lines };
}

const contoso = { tenantId: 'contoso' };

describe('httpRoute: auth', () => {
  it('401 AUTH.TOKEN_MISSING with WWW-Authenticate when no token', async () => {
    const r = await call(createItem, { method: 'POST', params: contoso, body: '{"name":"a"}' });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('AUTH.TOKEN_MISSING');
    expect(r.headers['www-authenticate']).toBe('Bearer');
  });

  it('401 AUTH.TOKEN_INVALID for a bad token, before the body is read', async () => {
    const r = await call(createItem, {
      method: 'POST',
      token: 'abc.def.ghi',
      params: contoso,
      body: '{not json',
    });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('AUTH.TOKEN_INVALID');
    expect(r.headers['www-authenticate']).toContain('invalid_token');
  });

  it('403 AUTH.ROLE_FORBIDDEN when roles do not allow', async () => {
    const r = await call(createItem, {
      method: 'POST',
      token: tokens.vera,
      params: contoso,
      body: '{"name":"a"}',
    });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('AUTH.ROLE_FORBIDDEN');
  });

  it('403 AUTH.TENANT_FORBIDDEN for another tenant; platform staff may access any tenant', async () => {
    const other = await call(listItems, { token: tokens.alex, params: contoso });
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe('AUTH.TENANT_FORBIDDEN');
    const staff = await call(listItems, { token: tokens.ada, params: contoso });
    expect(staff.status).toBe(200);
  });

  it('public routes need no token', async () => {
    const r = await call(health);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true, anonymous: true });
  });
});

describe('httpRoute: input', () => {
  it('passes validated input to the handler and returns JSON', async () => {
    const r = await call(createItem, {
      method: 'POST',
      token: tokens.eddie,
      params: contoso,
      body: '{"name":"a"}',
    });
    expect(r.status).toBe(201);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.json).toEqual({ name: 'a', tags: [], tenantId: 'contoso', by: 'user-eddie' });
  });

  it('400 REQUEST.INVALID_JSON for malformed or empty JSON', async () => {
    const bad = await call(createItem, {
      method: 'POST',
      token: tokens.eddie,
      params: contoso,
      body: '{"name":',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('REQUEST.INVALID_JSON');
    const empty = await call(createItem, { method: 'POST', token: tokens.eddie, params: contoso, body: '' });
    expect(empty.json.error.code).toBe('REQUEST.INVALID_JSON');
  });

  it('400 REQUEST.VALIDATION_FAILED with issue paths for body, params and query', async () => {
    const body = await call(createItem, {
      method: 'POST',
      token: tokens.eddie,
      params: contoso,
      body: '{"name":"","tags":["a","b","c","d"]}',
    });
    expect(body.status).toBe(400);
    expect(body.json.error.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(body.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'tags']);
    expect(body.json.error.details[0]).toMatchObject({ in: 'body', message: expect.any(String) });

    const params = await call(createItem, {
      method: 'POST',
      token: tokens.ada,
      params: { tenantId: 'Bad-Id' },
      body: '{"name":"a"}',
    });
    expect(params.json.error.details[0]).toMatchObject({ in: 'params', path: 'tenantId' });

    const query = await call(listItems, { token: tokens.eddie, params: contoso, query: { limit: '500' } });
    expect(query.json.error.details[0]).toMatchObject({ in: 'query', path: 'limit' });
  });

  it('413 REQUEST.BODY_TOO_LARGE from Content-Length and from the actual bytes', async () => {
    const big = JSON.stringify({ name: 'a', tags: ['x'.repeat(300)] });
    const declared = await call(createItem, {
      method: 'POST',
      token: tokens.eddie,
      params: contoso,
      headers: { 'content-length': String(big.length) },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(declared.json.error.code).toBe('REQUEST.BODY_TOO_LARGE');
    const lying = await call(createItem, {
      method: 'POST',
      token: tokens.eddie,
      params: contoso,
      headers: { 'content-length': '10' },
      body: big,
    });
    expect(lying.status).toBe(413);
  });

  it('415 for a non-JSON content type', async () => {
    const r = await call(createItem, {
      method: 'POST',
      token: tokens.eddie,
      params: contoso,
      headers: { 'content-type': 'text/plain' },
      body: '{"name":"a"}',
    });
    expect(r.status).toBe(415);
  });
});

describe('httpRoute: errors', () => {
  it('maps an AppError to its status and code', async () => {
    const r = await call(createItem, {
      method: 'POST',
      token: tokens.eddie,
      params: contoso,
      body: '{"name":"dup"}',
    });
    expect(r.status).toBe(409);
    expect(r.json).toEqual({ error: { code: 'ITEM.CONFLICT', message: 'Item exists' } });
  });

  it('500 INTERNAL with an id that is in the log, without stack or message', async () => {
    const r = await call(createItem, {
      method: 'POST',
      token: tokens.eddie,
      params: contoso,
      body: '{"name":"boom"}',
    });
    expect(r.status).toBe(500);
    expect(r.json.error.code).toBe('INTERNAL');
    expect(r.json.error.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(r.raw)).not.toMatch(/hunter2|at |stack/);
    const logged = r.lines.map((l) => JSON.parse(l)).find((l) => l.errorId === r.json.error.id);
    expect(logged).toMatchObject({ level: 'error', app: APP, invocationId: 'inv-1' });
    expect(logged.error.message).toContain('hunter2');
    expect(logged.requestId).toBe(r.headers['x-request-id']);
  });

  it('5xx AppErrors also get a logged id', async () => {
    const failing = httpRoute({
      app: APP,
      name: 'down-get',
      method: 'GET',
      route: 'down',
      roles: 'public',
      handler: async () => {
        throw new AppError('SERVICE.UNAVAILABLE', 'Try later', 503);
      },
    });
    const r = await call(failing);
    expect(r.status).toBe(503);
    expect(r.lines.some((l) => l.includes(r.json.error.id))).toBe(true);
  });
});

describe('httpRoute: headers', () => {
  it('security headers and a new request id on every response', async () => {
    for (const r of [
      await call(health),
      await call(createItem, { method: 'POST', params: contoso, body: '{}' }),
    ]) {
      expect(r.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      });
      expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('echoes a sane incoming x-request-id and replaces an unsafe one', async () => {
    expect((await call(health, { headers: { 'x-request-id': 'abc-123' } })).headers['x-request-id']).toBe(
      'abc-123',
    );
    const unsafe = await call(health, { headers: { 'x-request-id': 'a b\u00e9<script>' } });
    expect(unsafe.headers['x-request-id']).not.toContain('script');
  });

  it('CORS headers only for allowed origins', async () => {
    const allowed = await call(health, { headers: { origin: ORIGIN } });
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(allowed.headers['access-control-expose-headers']).toContain('ETag');
    expect(allowed.headers.vary).toBe('Origin');
    const refused = await call(health, { headers: { origin: 'https://evil.example' } });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('ETag and 304 for a cacheable read', async () => {
    const first = await call(listItems, { token: tokens.vera, params: contoso });
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^W\/"/);
    expect(first.headers['cache-control']).toBe('private, max-age=30, must-revalidate');
    const again = await call(listItems, {
      token: tokens.vera,
      params: contoso,
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(again.status).toBe(304);
    expect(again.raw).toBeUndefined();
    expect(again.headers.etag).toBe(first.headers.etag);
    const changed = await call(listItems, {
      token: tokens.vera,
      params: contoso,
      query: { limit: '5' },
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(changed.status).toBe(200);
  });
});

describe('fallback', () => {
  it('404 ROUTE.NOT_FOUND for an unknown path', async () => {
    const r = await call(fallback, { path: 'nope', params: { path: 'nope' } });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('ROUTE.NOT_FOUND');
  });

  it('405 ROUTE.METHOD_NOT_ALLOWED with Allow for a known path', async () => {
    const r = await call(fallback, { method: 'DELETE', params: { path: 'tenants/contoso/items' } });
    expect(r.status).toBe(405);
    expect(r.json.error.code).toBe('ROUTE.METHOD_NOT_ALLOWED');
    expect(r.headers.allow?.split(', ').sort()).toEqual(['GET', 'OPTIONS', 'POST']);
  });

  it('answers a preflight from an allowed origin', async () => {
    const r = await call(fallback, {
      method: 'OPTIONS',
      params: { path: 'tenants/contoso/items' },
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(r.headers['access-control-allow-methods']).toContain('POST');
    expect(r.headers['access-control-allow-headers']).toMatch(/Authorization.*Content-Type.*If-None-Match/);
  });

  it('gives a refused origin no CORS headers in the preflight', async () => {
    const r = await call(fallback, {
      method: 'OPTIONS',
      params: { path: 'health' },
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(r.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('falls back to the URL when the host did not fill {*path}', async () => {
    const r = await call(fallback, { method: 'PUT', path: 'health' });
    expect(r.status).toBe(405);
  });
});

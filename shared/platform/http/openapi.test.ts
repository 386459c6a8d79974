import { HttpRequest, type HttpResponseInit, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { atLeast } from '../auth/roles';
import { openApiDocument, registerOpenApiRoute } from './openapi';
import { routeRegistry } from './registry';
import { httpRoute } from './route';

const APP = 'docs';
const Kpi = z.object({ id: z.string(), name: z.string(), unit: z.enum(['%', 'EUR']) });

httpRoute({
  app: APP,
  name: 'kpi-get',
  method: 'GET',
  route: 'tenants/{tenantId}/kpis/{id}',
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  query: z.object({ expand: z.enum(['formula']).optional() }),
  responses: { 200: Kpi },
  summary: 'One KPI',
  tags: ['kpis'],
  handler: async () => ({ body: {} }),
});
httpRoute({
  app: APP,
  name: 'kpi-put',
  method: 'PUT',
  route: 'tenants/{tenantId}/kpis/{id}',
  roles: ['owner', 'platform-admin'],
  body: Kpi.omit({ id: true }),
  handler: async () => ({}),
});
httpRoute({
  app: 'other',
  name: 'other-get',
  method: 'GET',
  route: 'x',
  roles: 'public',
  handler: async () => ({}),
});
const served = registerOpenApiRoute(APP, { title: 'Docs API', version: '1.0.0' });

describe('openApiDocument', () => {
  const doc = openApiDocument(APP, { title: 'Docs API', version: '1.0.0' }) as {
    openapi: string;
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };

  it('describes exactly the app routes, paths as served', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths).flatMap(([p, m]) => Object.keys(m).map((k) => `${k} ${p}`));
    const registered = routeRegistry()
      .filter((r) => r.app === APP)
      .map((r) => `${r.method.toLowerCase()} /api/${r.fullRoute}`);
    expect(ops.sort()).toEqual(registered.sort());
    expect(ops).toContain('get /api/docs/openapi.json');
  });

  it('carries parameters, bodies, responses, security and roles', () => {
    const get = doc.paths['/api/docs/tenants/{tenantId}/kpis/{id}']?.get as Record<string, unknown>;
    expect(get.operationId).toBe('kpi-get');
    expect(get.parameters).toEqual([
      { name: 'tenantId', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'expand', in: 'query', required: false, schema: { type: 'string', enum: ['formula'] } },
    ]);
    expect(get.security).toEqual([{ bearer: [] }]);
    expect(get['x-roles']).toContain('viewer');
    const ok = (
      get.responses as Record<string, { content: Record<string, { schema: { properties: object } }> }>
    )['200'];
    expect(Object.keys(ok?.content['application/json']?.schema.properties ?? {})).toEqual([
      'id',
      'name',
      'unit',
    ]);
    const put = doc.paths['/api/docs/tenants/{tenantId}/kpis/{id}']?.put as Record<string, unknown>;
    expect(JSON.stringify(put.requestBody)).toContain('"unit"');
    expect(Object.keys(put.responses as object)).toEqual(
      expect.arrayContaining(['400', '401', '403', '413', '500']),
    );
    const self = doc.paths['/api/docs/openapi.json']?.get as Record<string, unknown>;
    expect(self.security).toEqual([]);
  });

  it('is served publicly at openapi.json', async () => {
    const res = (await served.handler(
      new HttpRequest({ method: 'GET', url: 'http://127.0.0.1/api/docs/openapi.json' }),
      new InvocationContext({ logHandler: () => undefined }),
    )) as HttpResponseInit;
    expect(res.status).toBe(200);
    expect(JSON.parse(String(res.body))).toEqual(JSON.parse(JSON.stringify(doc)));
    expect((res.headers as Record<string, string>).etag).toBeTruthy();
  });
});

describe('routeRegistry', () => {
  it('refuses a duplicate method and path', () => {
    expect(() =>
      httpRoute({
        app: APP,
        name: 'kpi-get-again',
        method: 'GET',
        route: 'tenants/{t}/kpis/{k}',
        roles: 'public',
        handler: async () => ({}),
      }),
    ).toThrow(/declared twice/);
  });
});

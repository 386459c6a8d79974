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
  app: APP,
  name: 'deployment-validation-post',
  method: 'POST',
  route: 'deployment-validations',
  roles: 'public',
  credential: 'deployment',
  statuses: [403, 409],
  body: z.object({ key: z.string() }),
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
      {
        name: 'tenantId',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ pattern: expect.any(String) }),
      },
      { name: 'id', in: 'path', required: true, schema: expect.objectContaining({ maxLength: 128 }) },
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

  it("lists the statuses the server answers: derived from the declaration plus the route's own (issue 12)", () => {
    const codes = (path: string, method: string) =>
      Object.keys(doc.paths[path]?.[method]?.responses as object).map(Number);
    // PUT with roles, path ids and a body: 401/403, 404, 409, 412 (If-Match), 413/415/422.
    expect(codes('/api/docs/tenants/{tenantId}/kpis/{id}', 'put')).toEqual(
      expect.arrayContaining([400, 401, 403, 404, 409, 412, 413, 415, 422, 500, 503]),
    );
    expect(codes('/api/docs/deployment-validations', 'post')).toEqual(
      expect.arrayContaining([401, 403, 409, 413]),
    );
    expect(codes('/api/docs/openapi.json', 'get')).not.toContain(401);
  });

  it('declares the deployment credential as what the server accepts: Authorization: Deployment <credential>', () => {
    const full = doc as unknown as {
      components: { securitySchemes: Record<string, Record<string, string>> };
      servers: { url: string }[];
    };
    expect(full.components.securitySchemes.deployment).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
    });
    expect(full.components.securitySchemes.deployment?.description).toContain(
      'Deployment <credentialId>.<secret>',
    );
    expect(full.servers).toEqual([{ url: '/' }]);
    // A public route whose handler checks the credential itself is documented with the scheme.
    const validation = doc.paths['/api/docs/deployment-validations']?.post as Record<string, unknown>;
    expect(validation.security).toEqual([{ deployment: [] }]);
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

/**
 * OpenAPI 3.1 document of one app, built from the route registry with zod 4's `z.toJSONSchema`, and the
 * public route serving it at `GET /api/<app>/openapi.json`.
 */
import { type ZodType, z } from 'zod';
import { type RouteDefinition, routeRegistry } from './registry';
import { type DeclaredRoute, httpRoute } from './route';

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

type JsonObject = Record<string, unknown>;

const ERROR_REF = { $ref: '#/components/schemas/Error' };

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {},
        id: { type: 'string', description: 'Present on 5xx: the id under which the error was logged' },
      },
    },
  },
};

const toSchema = (schema: ZodType, io: 'input' | 'output'): JsonObject => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
};

/** Route/query parameters from an object schema (or plain string path parameters from the template). */
function parameters(def: RouteDefinition): JsonObject[] {
  const out: JsonObject[] = [];
  const pathSchema = def.params ? toSchema(def.params, 'input') : undefined;
  const pathProps = (pathSchema?.properties ?? {}) as Record<string, JsonObject>;
  for (const m of def.route.matchAll(/\{\*?([A-Za-z0-9_]+)[^}]*\}/g)) {
    const name = m[1] as string;
    out.push({ name, in: 'path', required: true, schema: pathProps[name] ?? { type: 'string' } });
  }
  if (def.query) {
    const q = toSchema(def.query, 'input');
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties ?? {}) as Record<string, JsonObject>)) {
      out.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  return out;
}

function operation(def: RouteDefinition): JsonObject {
  const responses: JsonObject = {};
  for (const [status, schema] of Object.entries(def.responses ?? {})) {
    responses[status] = {
      description: `HTTP ${status}`,
      content: { 'application/json': { schema: toSchema(schema, 'output') } },
    };
  }
  if (Object.keys(responses).length === 0) responses['200'] = { description: 'OK' };
  const errors = ['400', '500'];
  if (def.body) errors.push('413');
  if (def.roles !== 'public') errors.push('401', '403');
  for (const s of errors)
    responses[s] ??= { description: 'Error', content: { 'application/json': { schema: ERROR_REF } } };

  const op: JsonObject = {
    operationId: def.name,
    ...(def.summary ? { summary: def.summary } : {}),
    ...(def.tags ? { tags: [...def.tags] } : {}),
    parameters: parameters(def),
    responses,
    security:
      def.roles === 'public' ? [] : def.roles === 'deployment' ? [{ deployment: [] }] : [{ bearer: [] }],
    'x-roles': def.roles,
  };
  if (def.tenantParam) op['x-tenant-param'] = def.tenantParam;
  if (def.body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: toSchema(def.body, 'input') } },
    };
  }
  return op;
}

/** The OpenAPI 3.1 document of `appName`'s declared routes (paths as served: `/api/<app>/...`). */
export function openApiDocument(appName: string, info: OpenApiInfo): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const def of routeRegistry()) {
    if (def.app !== appName) continue;
    const path = `/api/${def.fullRoute.replace(/\{\*?([A-Za-z0-9_]+)[^}]*\}/g, '{$1}')}`;
    paths[path] ??= {};
    (paths[path] as JsonObject)[def.method.toLowerCase()] = operation(def);
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        deployment: {
          type: 'http',
          scheme: 'bearer',
          description: 'Deployment credential issued with the licence',
        },
      },
    },
  };
}

/** Serves `GET /api/<app>/openapi.json` (public, cacheable). The document is built once, at first request. */
export function registerOpenApiRoute(appName: string, info: OpenApiInfo): DeclaredRoute {
  let doc: JsonObject | undefined;
  return httpRoute({
    app: appName,
    name: `${appName}-openapi-get`,
    method: 'GET',
    route: 'openapi.json',
    roles: 'public',
    cache: { maxAgeSeconds: 300 },
    summary: 'This OpenAPI document',
    tags: ['meta'],
    handler: async () => {
      doc ??= openApiDocument(appName, info);
      return { body: doc };
    },
  });
}

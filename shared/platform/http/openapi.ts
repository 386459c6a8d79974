/**
 * OpenAPI 3.1 document of one app, built from the route registry with zod 4's `z.toJSONSchema`, and the
 * public route serving it at `GET /api/<app>/openapi.json`.
 */
import { type ZodType, z } from 'zod';
import { pathParamSchema } from './path-params';
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
  for (const m of def.route.matchAll(/\{(\*?)([A-Za-z0-9_]+)[^}]*\}/g)) {
    const name = m[2] as string;
    // Without a schema of the route's own, the edge's id rule is what the server checks.
    const fallback = m[1] ? { type: 'string' } : pathParamSchema(name);
    out.push({ name, in: 'path', required: true, schema: pathProps[name] ?? fallback });
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

/** What each error status means here, with the codes the platform answers it with. */
const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Invalid request: a path id, the query or the body (REQUEST.VALIDATION_FAILED, REQUEST.INVALID_JSON, REQUEST.NESTING_TOO_DEEP)',
  401: 'No credential, or not a valid one (AUTH.TOKEN_MISSING, AUTH.TOKEN_INVALID)',
  403: 'Authenticated, but not allowed (AUTH.ROLE_FORBIDDEN, AUTH.TENANT_FORBIDDEN, or a refusal of the use case)',
  404: 'No such item (or not visible to the caller)',
  409: 'The item exists already, or its state forbids the change',
  412: 'If-Match does not match the current ETag (CONCURRENCY.CONFLICT)',
  413: 'Body over the size limit (REQUEST.BODY_TOO_LARGE)',
  415: 'Body is not application/json (REQUEST.UNSUPPORTED_MEDIA_TYPE)',
  422: 'Well-formed, but breaks a rule of the domain',
  500: 'Internal error (INTERNAL, with an id that is in the log)',
  503: 'A store cannot be reached (SERVICE.UNAVAILABLE, with Retry-After)',
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The error statuses a route can answer, derived from what it declares, so a generated client knows them:
 * every route 400 (path ids are checked by the edge), 500 and 503; a credential 401; roles or a tenant
 * parameter 403; path parameters 404; a body 413, 415 and 422; a write 409; PUT/PATCH/DELETE 412 (If-Match);
 * plus the route's own `statuses`.
 */
export function errorStatuses(def: RouteDefinition): number[] {
  const out = new Set<number>([400, 500, 503]);
  if (def.roles !== 'public' || def.credential) out.add(401);
  if (Array.isArray(def.roles) || def.tenantParam) out.add(403);
  if (/\{[^}*]+\}/.test(def.route)) out.add(404);
  if (def.body) for (const s of [413, 415, 422]) out.add(s);
  if (WRITES.has(def.method)) out.add(409);
  if (def.method === 'PUT' || def.method === 'PATCH' || def.method === 'DELETE') out.add(412);
  for (const s of def.statuses ?? []) out.add(s);
  return [...out].sort((a, b) => a - b);
}

function securityOf(def: RouteDefinition): JsonObject[] {
  if (def.roles === 'deployment' || def.credential === 'deployment') return [{ deployment: [] }];
  return def.roles === 'public' ? [] : [{ bearer: [] }];
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
  for (const s of errorStatuses(def)) {
    responses[String(s)] ??= {
      description: ERROR_DESCRIPTIONS[s] ?? `HTTP ${s}`,
      content: { 'application/json': { schema: ERROR_REF } },
    };
  }

  const op: JsonObject = {
    operationId: def.name,
    ...(def.summary ? { summary: def.summary } : {}),
    ...(def.tags ? { tags: [...def.tags] } : {}),
    parameters: parameters(def),
    responses,
    security: securityOf(def),
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
    // Relative to where this document is served: the paths below already carry `/api/<app>`.
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        // The server accepts only `Authorization: Deployment <credentialId>.<secret>` (a bearer gets 401).
        // OpenAPI's `http` type can only name IANA-registered schemes, which `Deployment` is not, so the
        // credential is described as an API key whose value is the whole header value.
        deployment: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'Deployment credential issued at activation (`POST /api/license/activations`). Send the header ' +
            '`Authorization: Deployment <credentialId>.<secret>`: the API key value is the whole ' +
            '`Deployment <credential>` string, not the bare credential.',
          'x-authorization-scheme': 'Deployment',
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

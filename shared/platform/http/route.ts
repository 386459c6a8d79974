/**
 * `httpRoute`: declares and registers one HTTP function with the whole edge pipeline — request id,
 * security and CORS headers, bearer auth and roles (before the body is read), tenant check, zod validation
 * of params/query/body, body size limit, error mapping, JSON responses and ETag/304.
 */
import {
  app,
  type HttpHandler,
  type HttpRequest,
  type HttpResponseInit,
  type InvocationContext,
} from '@azure/functions';
import type { ZodType } from 'zod';
import type { Caller, Principal } from '../auth/caller';
import { hasAnyRole } from '../auth/caller';
import type { Role } from '../auth/roles';
import { AppError, badRequest, ErrorCodes, forbidden, unauthorized } from '../errors';
import { invocationLogger, type Logger } from '../log';
import { DEFAULT_MAX_BODY_BYTES, readJsonBody } from './body';
import { deploymentAuthenticator, edgeVerifier } from './edge-config';
import { ifNoneMatchMatches, quoteEtag, weakEtag } from './etag';
import { checkPathParams, pathParamRules } from './path-params';
import { type RouteAccess, type RouteDefinition, registerRoute } from './registry';
import { baseHeaders, errorResponse, JSON_CONTENT_TYPE, requestIdOf } from './responses';
import type { RouteResult, RouteSpec } from './route-types';

export type { RouteContext, RouteResult, RouteSpec } from './route-types';

/** A declared route: its registry entry and the wrapped handler (call it directly in tests). */
export interface DeclaredRoute {
  definition: RouteDefinition;
  handler: HttpHandler;
}

/** Declares a route, registers it with `app.http` (route `<app>/<route>`), and returns it. */
export function httpRoute<
  const R extends RouteAccess,
  PS extends ZodType | undefined = undefined,
  QS extends ZodType | undefined = undefined,
  BS extends ZodType | undefined = undefined,
>(spec: RouteSpec<R, PS, QS, BS>): DeclaredRoute {
  const definition = registerRoute({
    app: spec.app,
    name: spec.name,
    method: spec.method,
    route: spec.route,
    fullRoute: `${spec.app}/${spec.route}`.replace(/\/+$/, ''),
    roles: spec.roles,
    tenantParam: spec.tenantParam,
    params: spec.params,
    query: spec.query,
    body: spec.body,
    responses: spec.responses,
    statuses: spec.statuses,
    credential: spec.credential,
    summary: spec.summary,
    tags: spec.tags,
  });
  const handler = buildPipeline(spec as unknown as AnySpec);
  app.http(spec.name, {
    methods: [spec.method],
    route: definition.fullRoute,
    authLevel: 'anonymous',
    handler,
  });
  return { definition, handler };
}

type AnySpec = RouteSpec<RouteAccess, ZodType | undefined, ZodType | undefined, ZodType | undefined> & {
  handler: (ctx: Record<string, unknown>) => Promise<RouteResult>;
};

function buildPipeline(spec: AnySpec): HttpHandler {
  // Everything that does not depend on the request is computed once here.
  const allowed: readonly Role[] | undefined = Array.isArray(spec.roles) ? spec.roles : undefined;
  const maxBody = spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const cacheControl = spec.cache
    ? `private, max-age=${spec.cache.maxAgeSeconds ?? 0}, must-revalidate`
    : undefined;
  const isGet = spec.method === 'GET';
  const paramRules = pathParamRules(spec.route);

  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const requestId = requestIdOf(request);
    const headers = baseHeaders(request, requestId);
    const log = invocationLogger(context, spec.app, { requestId });
    try {
      const caller = await authenticate(spec.roles, allowed, request, log);
      // Every id of every app obeys one pattern, before the tenant check (a bad tenant id is a 400, not a
      // 403) and before any schema or handler.
      checkPathParams(paramRules, request.params);
      if (spec.tenantParam && caller) checkTenant(caller, request.params[spec.tenantParam]);
      const params = spec.params ? validate(spec.params, request.params, 'params') : request.params;
      const query = spec.query ? validate(spec.query, queryObject(request), 'query') : queryObject(request);
      const body = spec.body ? validate(spec.body, await readJsonBody(request, maxBody), 'body') : undefined;

      const result = await spec.handler({ caller, params, query, body, request, context, log, requestId });
      return respond(result, request, headers, isGet, cacheControl);
    } catch (err) {
      return errorResponse(err, headers, log);
    }
  };
}

async function authenticate(
  access: RouteAccess,
  allowed: readonly Role[] | undefined,
  request: HttpRequest,
  log: Logger,
): Promise<Principal | undefined> {
  if (access === 'public') return undefined;
  if (access === 'deployment') {
    const authenticator = deploymentAuthenticator();
    if (!authenticator)
      throw unauthorized(ErrorCodes.tokenInvalid, 'Deployment authentication is not available');
    return authenticator(request, log);
  }
  const header = request.headers.get('authorization');
  if (!header) throw unauthorized(ErrorCodes.tokenMissing, 'A bearer token is required');
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized(ErrorCodes.tokenInvalid, 'Authorization header is not a bearer token');
  const caller = await edgeVerifier().verifyBearer(match[1]);
  if (!allowed || !hasAnyRole(caller, allowed)) {
    throw forbidden(ErrorCodes.roleForbidden, 'Your roles do not allow this operation');
  }
  return caller;
}

/** Tenant users may only address their own tenant; platform staff any. */
function checkTenant(caller: Principal, tenantId: string | undefined): void {
  if (caller.kind === 'user' && (caller as Caller).isPlatformStaff) return;
  if (!tenantId || caller.tenantId !== tenantId) {
    throw forbidden(ErrorCodes.tenantForbidden, 'You may not access this tenant');
  }
}

function validate(schema: ZodType, input: unknown, where: 'params' | 'query' | 'body'): unknown {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ in: where, path: i.path.join('.'), message: i.message }));
  throw badRequest(ErrorCodes.validationFailed, `Invalid request ${where}`, details);
}

/** Query string as an object; a repeated key becomes an array. */
function queryObject(request: HttpRequest): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of request.query) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function respond(
  result: RouteResult,
  request: HttpRequest,
  headers: Record<string, string>,
  isGet: boolean,
  cacheControl: string | undefined,
): HttpResponseInit {
  if (result.headers) for (const k in result.headers) headers[k.toLowerCase()] = result.headers[k] as string;
  // Stores may hand out bare tags (the Cosmos stand-in did); on the wire an ETag is always quoted.
  if (headers.etag) headers.etag = quoteEtag(headers.etag);
  if (result.raw !== undefined) {
    // Pre-serialised bodies (cached responses) get the same conditional-GET handling as JSON ones.
    const status = result.status ?? 200;
    if (isGet && status === 200 && headers.etag) {
      if (cacheControl) headers['cache-control'] = cacheControl;
      if (ifNoneMatchMatches(request.headers.get('if-none-match'), headers.etag)) {
        delete headers['content-type'];
        return { status: 304, headers };
      }
    }
    return { status, body: result.raw, headers };
  }
  if (result.body === undefined) return { status: result.status ?? 204, headers };

  const status = result.status ?? 200;
  const text = serialise(result.body);
  headers['content-type'] = JSON_CONTENT_TYPE;
  if (isGet && status === 200) {
    if (cacheControl) {
      headers['cache-control'] = cacheControl;
      headers.etag ??= weakEtag(text);
    }
    if (headers.etag && ifNoneMatchMatches(request.headers.get('if-none-match'), headers.etag)) {
      delete headers['content-type'];
      return { status: 304, headers };
    }
  }
  return { status, body: text, headers };
}

/**
 * `JSON.stringify` of a response body. Input is depth-limited at the edge, but data stored before that
 * limit (or built by a handler) may still nest deeper than the stack allows: that is a 500 with a stable
 * code and a logged id, not an escaped RangeError.
 */
function serialise(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (err) {
    throw new AppError(
      ErrorCodes.responseNotSerialisable,
      'The response could not be serialised',
      500,
      undefined,
      undefined,
      { cause: err },
    );
  }
}

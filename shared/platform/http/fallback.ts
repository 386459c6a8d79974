/**
 * Per-app catch-all `<app>/{*path}` for every method. Azure routing prefers literal and parameter segments
 * over a catch-all, so this only runs when no declared route took the request: it answers CORS preflights
 * (OPTIONS) for the declared routes, 405 with `Allow` when the path exists with other methods, else 404.
 */
import {
  app,
  type HttpHandler,
  type HttpMethod,
  type HttpRequest,
  type InvocationContext,
} from '@azure/functions';
import { AppError, ErrorCodes, notFound } from '../errors';
import { invocationLogger } from '../log';
import { routesMatching } from './registry';
import { baseHeaders, CORS_ALLOW_HEADERS, errorResponse, requestIdOf } from './responses';

const ALL_METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Registers the fallback of `appName` (call once per app, after or before its routes) and returns its handler. */
export function registerFallback(appName: string): HttpHandler {
  const handler = fallbackHandler(appName);
  app.http(`${appName}-fallback`, {
    methods: ALL_METHODS,
    route: `${appName}/{*path}`,
    authLevel: 'anonymous',
    handler,
  });
  return handler;
}

/** The fallback handler without registration (tests). */
export function fallbackHandler(appName: string): HttpHandler {
  return async (request: HttpRequest, context: InvocationContext) => {
    const requestId = requestIdOf(request);
    const headers = baseHeaders(request, requestId);
    const log = invocationLogger(context, appName, { requestId });
    try {
      const path = `${appName}/${request.params.path ?? pathFromUrl(request.url, appName)}`;
      const methods = [...new Set(routesMatching(appName, path).map((r) => r.method))];
      if (methods.length === 0) throw notFound(ErrorCodes.routeNotFound, 'No such route');
      const allow = [...methods, 'OPTIONS'].join(', ');
      if (request.method === 'OPTIONS') {
        headers.allow = allow;
        const wanted = request.headers.get('access-control-request-method');
        // baseHeaders set allow-origin only for an allowed Origin; a refused origin gets no CORS headers.
        if (
          headers['access-control-allow-origin'] &&
          wanted &&
          methods.includes(wanted.toUpperCase() as HttpMethod)
        ) {
          headers['access-control-allow-methods'] = methods.join(', ');
          headers['access-control-allow-headers'] = CORS_ALLOW_HEADERS;
          headers['access-control-max-age'] = '600';
        } else {
          delete headers['access-control-allow-origin'];
          delete headers['access-control-expose-headers'];
        }
        return { status: 204, headers };
      }
      throw new AppError(
        ErrorCodes.methodNotAllowed,
        `Method ${request.method} is not allowed here`,
        405,
        undefined,
        {
          allow,
        },
      );
    } catch (err) {
      return errorResponse(err, headers, log);
    }
  };
}

/** Path below `/api/` when the host did not fill `{*path}`. */
function pathFromUrl(url: string, appName: string): string {
  const pathname = new URL(url).pathname;
  const prefix = `/api/${appName}/`;
  return pathname.startsWith(prefix) ? pathname.slice(prefix.length) : '';
}

import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Frame } from './frame-channel';
import type { RouteTable } from './route-matcher';
import type { HttpRequestHead, HttpResponseHead } from './worker/http-wire';

/**
 * The HTTP handling shared by the front (host process) and the workers (which serve connections handed
 * to them): routing under the prefix, 404/405, request heads as the host builds them, responses from
 * invocation results, and the proxies for streaming apps and for requests another process must serve.
 */

/** A request a worker could not take: it exited, or the app is restarting. */
export class WorkerUnavailableError extends Error {
  constructor(
    readonly code: 'HOST.WORKER_EXITED' | 'HOST.WORKER_UNAVAILABLE',
    message: string,
  ) {
    super(message);
  }
}

/** What a route leads to. */
export interface RouteTarget {
  app: string;
  fn: string;
}

/** Handles `/admin/...`; returns false when the path is not an admin route. */
export type AdminHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
) => boolean;

/** Sends a JSON error body `{ error: { code, message, ... } }`. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message, ...extra } });
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = req.headers;
  for (const k in raw) {
    const v = raw[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function flatQuery(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (search.length <= 1) return out;
  for (const [k, v] of new URLSearchParams(search)) out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
}

/** Reads a whole request body (the host buffers bodies unless the app streams). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A failed invocation: 500 INTERNAL without details (those go to the log), or the worker's state. */
export function internalError(res: ServerResponse, fn: string, id: string, err: unknown): void {
  if (err instanceof WorkerUnavailableError) {
    sendError(res, err.code === 'HOST.WORKER_EXITED' ? 500 : 503, err.code, err.message, { id });
  } else {
    sendError(res, 500, 'INTERNAL', `Function '${fn}' failed; see the host log for invocation ${id}.`, {
      id,
    });
  }
}

/** Writes an invocation's response. */
export function answer(res: ServerResponse, fn: string, id: string, frame: Frame<HttpResponseHead>): void {
  const out = frame.head;
  if (out.error) {
    internalError(res, fn, id, out.error);
    return;
  }
  for (const [k, v] of out.headers ?? []) res.setHeader(k, v);
  if (out.cookies && out.cookies.length > 0) res.setHeader('set-cookie', out.cookies);
  res.setHeader('x-ms-request-id', id);
  const status = out.status ?? 200;
  if (status !== 204 && status !== 304) res.setHeader('content-length', frame.body.length);
  res.statusCode = status;
  res.end(frame.body);
}

const proxyAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
// Hop-by-hop headers belong to one connection, not to the client's.
const hopByHop = ['connection', 'keep-alive', 'transfer-encoding', 'x-ms-invocation-id'];

/**
 * Streaming apps (`app.setup({ enableHttpStream: true })`): as the real host, the request goes to the
 * library's own HTTP server (with `x-ms-invocation-id`) while the invocation runs; its response streams back.
 */
export function proxyStream(
  req: IncomingMessage,
  res: ServerResponse,
  head: HttpRequestHead,
  uri: string,
  invocation: () => Promise<Frame<HttpResponseHead>>,
): void {
  const proxyReq = http.request(new URL(req.url ?? '/', uri), {
    method: req.method,
    agent: proxyAgent,
    headers: {
      ...req.headers,
      'x-ms-invocation-id': head.id,
      'x-forwarded-host': req.headers.host ?? '127.0.0.1',
      'x-forwarded-proto': 'http',
    },
  });
  proxyReq.on('response', (proxyRes) => {
    const headers: Record<string, string | string[] | undefined> = {
      ...proxyRes.headers,
      'x-ms-request-id': head.id,
    };
    for (const h of hopByHop) delete headers[h];
    res.writeHead(proxyRes.statusCode ?? 200, headers);
    proxyRes.pipe(res);
  });
  proxyReq.on('error', (err) => internalError(res, head.fn, head.id, err));
  req.pipe(proxyReq);
  invocation().then(
    (frame) => {
      if (frame.head.error) {
        proxyReq.destroy();
        internalError(res, head.fn, head.id, frame.head.error);
      }
    },
    (err: unknown) => {
      proxyReq.destroy();
      internalError(res, head.fn, head.id, err);
    },
  );
}

/** Passes a request on unchanged to another server of the host (used by workers for other apps' routes). */
export function forward(req: IncomingMessage, res: ServerResponse, baseUrl: string): void {
  const proxyReq = http.request(new URL(req.url ?? '/', baseUrl), {
    method: req.method,
    agent: proxyAgent,
    headers: req.headers,
  });
  proxyReq.on('response', (proxyRes) => {
    const headers: Record<string, string | string[] | undefined> = { ...proxyRes.headers };
    for (const h of hopByHop) if (h !== 'x-ms-invocation-id') delete headers[h];
    res.writeHead(proxyRes.statusCode ?? 502, headers);
    proxyRes.pipe(res);
  });
  proxyReq.on('error', (err) => sendError(res, 502, 'HOST.FORWARD_FAILED', err.message));
  req.pipe(proxyReq);
}

/** Where a request line leads: admin API, a route, or nowhere. */
export type RequestRoute<T> =
  | { kind: 'admin'; path: string }
  | { kind: 'match'; target: T; params: Record<string, string> }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed'; allow: string[] };

/** Resolves method and raw URL (path and query) against the route table. */
export function routeRequest<T>(routes: RouteTable<T>, routePrefix: string, method: string, rawUrl: string) {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  if (path.startsWith('/admin/')) return { kind: 'admin', path } as const;
  const prefix = routePrefix.replace(/^\/+|\/+$/g, '').toLowerCase();
  const prefixPath = prefix === '' ? '/' : `/${prefix}/`;
  const lower = path.toLowerCase();
  let rest: string | undefined;
  if (lower.startsWith(prefixPath)) rest = path.slice(prefixPath.length);
  else if (prefix !== '' && lower === `/${prefix}`) rest = '';
  if (rest === undefined) return { kind: 'not-found' } as const;
  const found = routes.lookup(method, rest);
  return found.kind === 'match'
    ? ({ kind: 'match', target: found.entry.target, params: found.params } as const)
    : found;
}

/**
 * A request handler: routes, answers 404/405 itself, and gives matched requests (with the head the host
 * builds: invocation id, URL, flattened headers and query, route params) to `run`.
 */
export function createHttpHandler<T extends RouteTarget>(o: {
  routePrefix: string;
  routes: RouteTable<T>;
  admin: AdminHandler;
  run: (target: T, head: HttpRequestHead, req: IncomingMessage, res: ServerResponse) => void;
}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const rawUrl = req.url ?? '/';
    const method = req.method ?? 'GET';
    const found = routeRequest(o.routes, o.routePrefix, method, rawUrl);
    if (found.kind === 'admin') {
      const q = rawUrl.indexOf('?');
      if (o.admin(req, res, found.path, new URLSearchParams(q < 0 ? '' : rawUrl.slice(q)))) return;
    }
    if (found.kind !== 'match') {
      req.resume();
      const path = rawUrl.split('?')[0];
      if (found.kind === 'method-not-allowed') {
        const allow = found.allow.join(', ');
        sendError(
          res,
          405,
          'ROUTE.METHOD_NOT_ALLOWED',
          `Method ${method} is not allowed on ${path}.`,
          {},
          { allow },
        );
      } else sendError(res, 404, 'ROUTE.NOT_FOUND', `No function serves ${method} ${path}.`);
      return;
    }
    const q = rawUrl.indexOf('?');
    const head: HttpRequestHead = {
      id: randomUUID(),
      fn: found.target.fn,
      method,
      url: `http://${req.headers.host ?? '127.0.0.1'}${rawUrl}`,
      headers: flatHeaders(req),
      query: flatQuery(q < 0 ? '' : rawUrl.slice(q)),
      params: found.params,
    };
    o.run(found.target, head, req, res);
  };
}

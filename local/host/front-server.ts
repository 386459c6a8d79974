import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { RouteTable } from './route-matcher';
import type { HttpRequestHead } from './worker/http-wire';
import { type WorkerProcess, WorkerUnavailableError } from './worker-process';

/** The app side of an HTTP route: whichever worker currently runs the app. */
export interface HttpTarget {
  app: string;
  fn: string;
  worker(): WorkerProcess | undefined;
  /** The library's own HTTP proxy URI when the app enabled HTTP streaming. */
  streamUri(): string | undefined;
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

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const streamAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function internalError(res: ServerResponse, target: HttpTarget, id: string, err: unknown): void {
  if (err instanceof WorkerUnavailableError) {
    sendError(res, err.code === 'HOST.WORKER_EXITED' ? 500 : 503, err.code, err.message, { id });
  } else {
    sendError(
      res,
      500,
      'INTERNAL',
      `Function '${target.fn}' failed; see the host log for invocation ${id}.`,
      { id },
    );
  }
}

/** Streaming apps: the request goes to the library's proxy server while the worker runs the invocation. */
function proxyStream(
  req: IncomingMessage,
  res: ServerResponse,
  head: HttpRequestHead,
  target: HttpTarget,
  uri: string,
) {
  const worker = target.worker() as WorkerProcess;
  const url = new URL(req.url ?? '/', uri);
  const proxyReq = http.request(url, {
    method: req.method,
    agent: streamAgent,
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
    // Hop-by-hop headers belong to the proxy connection, not to the client's.
    for (const h of ['x-ms-invocation-id', 'connection', 'keep-alive', 'transfer-encoding'])
      delete headers[h];
    res.writeHead(proxyRes.statusCode ?? 200, headers);
    proxyRes.pipe(res);
  });
  proxyReq.on('error', (err) => internalError(res, target, head.id, err));
  req.pipe(proxyReq);
  worker.http(head, Buffer.alloc(0)).then(
    (frame) => {
      if (frame.head.error) {
        proxyReq.destroy();
        internalError(res, target, head.id, frame.head.error);
      }
    },
    (err: unknown) => {
      proxyReq.destroy();
      internalError(res, target, head.id, err);
    },
  );
}

/**
 * The single HTTP front of all apps: admin API, then routes under the route prefix, each invocation sent to
 * the app's worker over its framed socket. Unmatched paths get ROUTE.NOT_FOUND / ROUTE.METHOD_NOT_ALLOWED.
 */
export function createFrontServer(o: {
  routePrefix: string;
  routes: RouteTable<HttpTarget>;
  admin: AdminHandler;
}): http.Server {
  const prefix = o.routePrefix.replace(/^\/+|\/+$/g, '').toLowerCase();
  const prefixPath = prefix === '' ? '/' : `/${prefix}/`;
  return http.createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const search = q < 0 ? '' : rawUrl.slice(q);
    if (path.startsWith('/admin/') && o.admin(req, res, path, new URLSearchParams(search))) return;
    const lower = path.toLowerCase();
    let rest: string | undefined;
    if (lower.startsWith(prefixPath)) rest = path.slice(prefixPath.length);
    else if (prefix !== '' && lower === `/${prefix}`) rest = '';
    const method = req.method ?? 'GET';
    const found = rest === undefined ? ({ kind: 'not-found' } as const) : o.routes.lookup(method, rest);
    if (found.kind !== 'match') {
      req.resume();
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
    const target = found.entry.target;
    const head: HttpRequestHead = {
      id: randomUUID(),
      fn: target.fn,
      method,
      url: `http://${req.headers.host ?? '127.0.0.1'}${rawUrl}`,
      headers: flatHeaders(req),
      query: flatQuery(search),
      params: found.params,
    };
    const worker = target.worker();
    if (!worker) {
      req.resume();
      internalError(
        res,
        target,
        head.id,
        new WorkerUnavailableError('HOST.WORKER_UNAVAILABLE', `App '${target.app}' is restarting.`),
      );
      return;
    }
    const streamUri = target.streamUri();
    if (streamUri) {
      head.stream = true;
      proxyStream(req, res, head, target, streamUri);
      return;
    }
    readBody(req)
      .then((body) => worker.http(head, body))
      .then(({ head: out, body }) => {
        if (out.error) return internalError(res, target, head.id, out.error);
        for (const [k, v] of out.headers ?? []) res.setHeader(k, v);
        if (out.cookies && out.cookies.length > 0) res.setHeader('set-cookie', out.cookies);
        res.setHeader('x-ms-request-id', head.id);
        const status = out.status ?? 200;
        if (status !== 204 && status !== 304) res.setHeader('content-length', body.length);
        res.statusCode = status;
        res.end(body);
      })
      .catch((err: unknown) => internalError(res, target, head.id, err));
  });
}

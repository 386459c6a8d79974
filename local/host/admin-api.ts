import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AdminHandler, sendError } from './http-dispatch';

/** One registered function, as `GET /admin/functions` lists it. */
export interface FunctionInfo {
  app: string;
  name: string;
  /** Trigger binding type, e.g. `httpTrigger`, `timerTrigger`, `serviceBusTrigger`. */
  trigger: string;
  /** HTTP: the route template (without prefix), its methods (empty = all) and the full local URL path. */
  route?: string;
  methods?: string[];
  path?: string;
  /** Timer: the schedule as declared, and runOnStartup. */
  schedule?: string;
  runOnStartup?: boolean;
  /** Service Bus: `queue` or `topic/Subscriptions/sub`, and the connection setting name. */
  entity?: string;
  connection?: string;
}

/** What the admin API needs from the host. */
export interface AdminDeps {
  functions(): FunctionInfo[];
  /** Runs a non-HTTP function now; resolves when it has finished. */
  invoke(app: string, fn: string, input: string): Promise<void>;
  log(line: string): void;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new Error('The body is not JSON.'));
      }
    });
    req.on('error', reject);
  });
}

/**
 * The host's admin API (local only, on the front port):
 * - `GET /admin/host/status` → `{ state: 'Running', apps }`
 * - `GET /admin/functions` → every function (FunctionInfo[]); `GET /admin/functions/<name>` → one
 * - `POST /admin/functions/<name>` with `{ "input": "..." }` runs a non-HTTP function now → 202 at once, as
 *   the real host. With `?wait=true` it answers after the run: 200 `{ status: 'Succeeded' }` or 500
 *   `{ error: { code: 'INVOCATION.FAILED', message } }`. A name used by two apps needs `?app=<app>`.
 */
export function createAdminHandler(deps: AdminDeps): AdminHandler {
  return (req, res, path, query) => {
    if (path === '/admin/host/status') {
      const apps = [...new Set(deps.functions().map((f) => f.app))];
      sendJson(res, 200, { state: 'Running', apps });
      return true;
    }
    if (path === '/admin/functions' || path === '/admin/functions/') {
      sendJson(res, 200, deps.functions());
      return true;
    }
    const m = /^\/admin\/functions\/([^/]+)$/.exec(path);
    if (!m) return false;
    const name = decodeURIComponent(m[1] as string);
    const app = query.get('app');
    const matches = deps
      .functions()
      .filter((f) => f.name.toLowerCase() === name.toLowerCase() && (!app || f.app === app));
    if (matches.length === 0) {
      req.resume();
      sendError(
        res,
        404,
        'ADMIN.FUNCTION_NOT_FOUND',
        `No function named '${name}'${app ? ` in app '${app}'` : ''}.`,
      );
      return true;
    }
    if (matches.length > 1) {
      req.resume();
      const apps = matches.map((f) => f.app).join(', ');
      sendError(res, 409, 'ADMIN.AMBIGUOUS_FUNCTION', `'${name}' exists in apps ${apps}; add ?app=<app>.`);
      return true;
    }
    const fn = matches[0] as FunctionInfo;
    if (req.method === 'GET') {
      sendJson(res, 200, fn);
      return true;
    }
    if (req.method !== 'POST') {
      req.resume();
      sendError(res, 405, 'ROUTE.METHOD_NOT_ALLOWED', 'Use GET or POST.', {}, { allow: 'GET, POST' });
      return true;
    }
    if (fn.trigger.toLowerCase() === 'httptrigger') {
      req.resume();
      sendError(res, 400, 'ADMIN.HTTP_FUNCTION', `'${fn.name}' is HTTP-triggered; call its route instead.`);
      return true;
    }
    const wait = query.get('wait') === 'true';
    readJson(req)
      .then((body) => {
        const input = (body as { input?: unknown }).input;
        const text = input === undefined ? '' : typeof input === 'string' ? input : JSON.stringify(input);
        const run = deps.invoke(fn.app, fn.name, text);
        if (!wait) {
          res.writeHead(202, { 'content-length': 0 });
          res.end();
          run.catch((err: Error) => deps.log(`admin run of ${fn.app}/${fn.name} failed: ${err.message}`));
          return;
        }
        return run.then(
          () => sendJson(res, 200, { status: 'Succeeded', app: fn.app, name: fn.name }),
          (err: Error) =>
            sendError(res, 500, 'INVOCATION.FAILED', err.message, { app: fn.app, name: fn.name }),
        );
      })
      .catch((err: Error) => sendError(res, 400, 'REQUEST.INVALID_JSON', err.message));
    return true;
  };
}

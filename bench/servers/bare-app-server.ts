/**
 * Baselines of host benchmarks: one Function app's HTTP handler behind a bare `node:http` server, with no
 * Functions host in between. It loads the app's entry unchanged (capturing its registrations the way the
 * worker does) and serves every request with the registered handler, in one of two modes:
 * - `direct`: the handler called with the library's own `HttpRequest` and `InvocationContext`;
 * - `model`: through the library's invocation model in-process (RPC input → getArguments →
 *   invokeFunction → getResponse), the conversions any Functions host runs per request, as Azure's does.
 * Usage (with the app's settings in the environment):
 *   node --import tsx bench/servers/bare-app-server.ts <app dir> <function name> <port> <direct|model>
 * Prints `ready <port>` once listening.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { HttpRequest, type HttpResponseInit, InvocationContext } from '@azure/functions';
import { installFunctionsCore, type RegisteredFunction } from '../../local/host/worker/functions-core';
import { fromRpcHttpResponse, toRpcHttpInput } from '../../local/host/worker/http-wire';
import { invoke, triggerBinding } from '../../local/host/worker/invoke';

const [appDir, functionName, portArg, mode = 'direct'] = process.argv.slice(2);
if (!appDir || !functionName || !portArg || !['direct', 'model'].includes(mode))
  throw new Error('usage: bare-app-server <app dir> <function> <port> <direct|model>');

const state = installFunctionsCore(() => {});
require(join(resolve(appDir), 'index.ts'));
const fn = state.functions.get(functionName);
if (!fn) throw new Error(`${appDir} registers no function ${functionName}`);

type Serve = (req: IncomingMessage, body: Buffer, res: ServerResponse) => Promise<void>;

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = String(v);
  return headers;
}

const direct = (f: RegisteredFunction): Serve => {
  const handler = f.callback as (req: HttpRequest, ctx: InvocationContext) => Promise<HttpResponseInit>;
  return async (req, body, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request = new HttpRequest({
      method: req.method ?? 'GET',
      url: url.href,
      headers: headersOf(req),
      query: Object.fromEntries(url.searchParams),
      params: {},
      ...(body.length ? { body: { bytes: body } } : {}),
    });
    const out = await handler(request, new InvocationContext({ invocationId: randomUUID(), functionName }));
    res.writeHead(out.status ?? 200, out.headers as Record<string, string>);
    res.end(typeof out.body === 'string' || out.body instanceof Uint8Array ? out.body : undefined);
  };
};

const model = (f: RegisteredFunction): Serve => {
  const binding = triggerBinding(f).name;
  return async (req, body, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const id = randomUUID();
    const head = {
      id,
      fn: functionName,
      method: req.method ?? 'GET',
      url: url.href,
      headers: headersOf(req),
      query: Object.fromEntries(url.searchParams),
      params: {},
    };
    const response = await invoke(
      state,
      f,
      { invocationId: id, inputData: [{ name: binding, data: toRpcHttpInput(head, body) }] },
      () => {},
      {},
    );
    const out = fromRpcHttpResponse(id, response);
    res.writeHead(out.head.status ?? 200, Object.fromEntries(out.head.headers ?? []));
    res.end(out.body);
  };
};

const serve = mode === 'model' ? model(fn) : direct(fn);
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    serve(req, Buffer.concat(chunks), res).catch((err: Error) => {
      res.writeHead(500);
      res.end(err.message);
    });
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(portArg), '127.0.0.1', () => console.log(`ready ${portArg}`));

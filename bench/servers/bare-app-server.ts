/**
 * The baseline of host benchmarks: one Function app's HTTP handler behind a bare `node:http` server, with
 * no Functions host in between. It loads the app's entry unchanged (capturing its registrations the way
 * the worker does), then calls the registered handler with the library's own `HttpRequest` and
 * `InvocationContext`. Usage (with the app's settings in the environment):
 *   node --import tsx bench/servers/bare-app-server.ts <app dir> <function name> <port>
 * Prints `ready <port>` once listening.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { HttpRequest, type HttpResponseInit, InvocationContext } from '@azure/functions';
import { installFunctionsCore } from '../../local/host/worker/functions-core';

const [appDir, functionName, portArg] = process.argv.slice(2);
if (!appDir || !functionName || !portArg)
  throw new Error('usage: bare-app-server <app dir> <function> <port>');

const state = installFunctionsCore(() => {});
require(join(resolve(appDir), 'index.ts'));
const fn = state.functions.get(functionName);
if (!fn) throw new Error(`${appDir} registers no function ${functionName}`);
const handler = fn.callback as (req: HttpRequest, ctx: InvocationContext) => Promise<HttpResponseInit>;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = String(v);
    const request = new HttpRequest({
      method: req.method ?? 'GET',
      url: url.href,
      headers,
      query: Object.fromEntries(url.searchParams),
      params: {},
      ...(chunks.length ? { body: { bytes: Buffer.concat(chunks) } } : {}),
    });
    const context = new InvocationContext({ invocationId: randomUUID(), functionName });
    const out = await handler(request, context);
    res.writeHead(out.status ?? 200, out.headers as Record<string, string>);
    res.end(typeof out.body === 'string' || out.body instanceof Uint8Array ? out.body : undefined);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(portArg), '127.0.0.1', () => console.log(`ready ${portArg}`));

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLocal } from '../net';
import { verifyAcsRequest } from './acs-hmac';
import { parseEmailMessage, toOutboxMessage } from './email-message';
import type { OutboxStore } from './outbox';

/** Largest request ACS accepts (message plus base64 attachments). */
const maxBodyBytes = 10 * 1024 * 1024;
/** Operation ids become blob names: a GUID or something as tame. */
const operationIdPattern = /^[A-Za-z0-9-]{1,64}$/;

export interface EmailServerOptions {
  port: number;
  /** Base64 key; requests must be HMAC-signed with it, as with a real ACS resource. */
  accessKey: string;
  outbox: OutboxStore;
}

export interface RunningEmailServer {
  port: number;
  /** `http://127.0.0.1:<port>/` */
  endpoint: string;
  /** `endpoint=…;accesskey=…` as in the `EMAIL` setting. */
  connectionString: string;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A local Azure Communication Services e-mail endpoint for `EmailClient` from
 * @azure/communication-email (construct it with `{ allowInsecureConnection: true }`):
 * `POST /emails:send` checks the HMAC signature and the message, puts it in the outbox and answers
 * 202 with `operation-location`; `GET /emails/operations/{id}` reports `Succeeded` once it is there.
 * A repeated `Operation-Id` sends nothing twice.
 */
export async function startEmailServer(options: EmailServerOptions): Promise<RunningEmailServer> {
  const server = createServer((req, res) => {
    handle(options, req, res).catch((err: unknown) => {
      const e = err instanceof HttpError ? err : new HttpError(500, 'InternalServerError', String(err));
      if (e.status === 500) console.error(`EMAIL.INTERNAL: ${(err as Error).stack ?? err}`);
      if (!res.headersSent) send(res, e.status, { error: { code: e.code, message: e.message } });
      else res.destroy();
    });
  });
  const port = await listenLocal(server, options.port);
  const endpoint = `http://127.0.0.1:${port}/`;
  return {
    port,
    endpoint,
    connectionString: `endpoint=${endpoint};accesskey=${options.accessKey}`,
    stop: () =>
      new Promise<void>((resolve) => {
        // In-flight sends finish (they end in the outbox); idle keep-alive sockets close now.
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

async function handle(options: EmailServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const auth = verifyAcsRequest(
    {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      host: req.headers.host ?? '',
      body,
      headers: req.headers,
    },
    options.accessKey,
  );
  if (!auth.ok) throw new HttpError(401, 'Denied', `Denied by the resource provider: ${auth.reason}`);

  const url = new URL(req.url ?? '/', 'http://placeholder');
  const apiVersion = url.searchParams.get('api-version');
  if (!apiVersion)
    throw new HttpError(400, 'MissingApiVersionParameter', 'The api-version query parameter is required.');

  if (req.method === 'POST' && url.pathname === '/emails:send') {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'BadRequest', 'The request body is not valid JSON.');
    }
    const parsed = parseEmailMessage(json);
    if (!parsed.ok) return send(res, 400, parsed.error);
    const given = req.headers['operation-id'];
    const id = typeof given === 'string' && given ? given : randomUUID();
    if (!operationIdPattern.test(id)) throw new HttpError(400, 'BadRequest', 'Operation-Id must be a GUID.');
    // add() is a no-op for an id already in the outbox: a retried send is accepted, not sent again.
    await options.outbox.add(toOutboxMessage(id, new Date(), parsed.message));
    const host = req.headers.host ?? '127.0.0.1';
    res.setHeader('operation-location', `http://${host}/emails/operations/${id}?api-version=${apiVersion}`);
    res.setHeader('retry-after', '1');
    return send(res, 202, { id, status: 'Running' });
  }

  const operation = /^\/emails\/operations\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'GET' && operation?.[1]) {
    const id = decodeURIComponent(operation[1]);
    const message = operationIdPattern.test(id) ? await options.outbox.get(id) : undefined;
    if (!message) throw new HttpError(404, 'NotFound', `No e-mail operation ${id}.`);
    return send(res, 200, { id, status: 'Succeeded' });
  }
  throw new HttpError(404, 'NotFound', `No route for ${req.method} ${url.pathname}.`);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(
          new HttpError(413, 'RequestEntityTooLarge', `The request is larger than ${maxBodyBytes} bytes.`),
        );
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (status >= 400) {
    const code = (body as { error?: { code?: string } }).error?.code;
    if (code) headers['x-ms-error-code'] = code;
  }
  res.writeHead(status, headers).end(text);
}

import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { isKnownAssetExtension } from '@kpi/shared/platform/static-site/site-files';
import { SITE_SECURITY_HEADERS } from '@kpi/shared/platform/static-site/site-headers';
import { answerClientErrors, MAX_HEADER_BYTES } from '../http-client-errors';
import { listenLocal } from '../net';

/** One UI served on its own origin. */
export interface GatewaySite {
  /** e.g. `config`; the key of its URL in the result. */
  name: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Base URL of the site's `$web` container, e.g. `http://127.0.0.1:10000/webconfig/$web`. */
  blobBaseUrl: string;
}

export interface GatewayOptions {
  sites: GatewaySite[];
}

export interface RunningGateway {
  /** Origin of each site by name, e.g. `{ config: 'http://127.0.0.1:4281' }`. */
  urls: Record<string, string>;
  stop(): Promise<void>;
}

const host = '127.0.0.1';
// Headers of the blob answer worth passing on to the browser.
const passHeaders = [
  'content-type',
  'content-length',
  'cache-control',
  'etag',
  'last-modified',
  'content-encoding',
  'accept-ranges',
  'content-range',
];
const forwardHeaders = ['if-none-match', 'if-modified-since', 'range', 'accept-encoding'];

/**
 * Serves each UI on its own origin from its storage account's `$web` container, as Azure static
 * websites do: `/` and client-side routes (no file extension, or an unknown one that is not in the
 * container) get index.html; a missing asset is a real 404.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const servers: Server[] = [];
  const urls: Record<string, string> = {};
  try {
    for (const site of options.sites) {
      const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
        handle(site, agent, req, res).catch((err: Error) => {
          if (!res.headersSent) sendText(res, 502, `Gateway error: ${err.message}`);
          else res.destroy(err);
        });
      });
      answerClientErrors(server);
      const port = await listenLocal(server, site.port);
      servers.push(server);
      urls[site.name] = `http://${host}:${port}`;
    }
  } catch (err) {
    await closeAll(servers, agent);
    throw err;
  }
  return { urls, stop: () => closeAll(servers, agent) };
}

async function handle(site: GatewaySite, agent: Agent, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendText(res, 405, 'Method not allowed');
  }
  const path = sitePath(req.url ?? '/');
  if (path === undefined) return sendText(res, 400, 'Bad path');
  const isRoute = path === '' || !isKnownAssetExtension(path);
  if (path === '' || (isRoute && !path.includes('.')))
    return proxy(site, agent, 'index.html', req, res, true);

  const upstream = await fetchBlob(site, agent, path, req);
  if (isMissing(upstream) && isRoute) {
    upstream.resume();
    return proxy(site, agent, 'index.html', req, res, true);
  }
  if (isMissing(upstream)) {
    upstream.resume();
    return sendText(res, 404, 'Not found');
  }
  pipe(upstream, res, req.method === 'HEAD');
}

/** Serves a blob; for index.html a missing blob means the site was never uploaded. */
async function proxy(
  site: GatewaySite,
  agent: Agent,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  isIndex: boolean,
) {
  const upstream = await fetchBlob(site, agent, path, req);
  if (isMissing(upstream) && isIndex) {
    upstream.resume();
    return sendText(res, 404, `The ${site.name} UI has not been uploaded to ${site.blobBaseUrl} yet.`);
  }
  pipe(upstream, res, req.method === 'HEAD');
}

/** Anonymous reads answer 404 for a missing blob and 403 while the container does not exist yet. */
function isMissing(upstream: IncomingMessage): boolean {
  return upstream.statusCode === 404 || upstream.statusCode === 403;
}

/** The blob name for a request path, or undefined when it tries to leave the site. */
export function sitePath(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return undefined;
  }
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\'))) return undefined;
  return segments.join('/');
}

/** Attempts per blob read: a reset before any answer is retried (reads are idempotent). */
const fetchAttempts = 3;

/**
 * Reads a blob, retrying when the connection was reset before an answer came. The agent keeps idle
 * sockets to the storage endpoint; one the server closed (Node servers close idle sockets after 5 s)
 * may be reused just then, and the reset used to reach the browser as a 502 on a script or stylesheet,
 * which breaks the page (seen in CI: "Unable to preload CSS").
 */
async function fetchBlob(
  site: GatewaySite,
  agent: Agent,
  path: string,
  req: IncomingMessage,
): Promise<IncomingMessage> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchBlobOnce(site, agent, path, req);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= fetchAttempts || (code !== 'ECONNRESET' && code !== 'EPIPE')) throw err;
    }
  }
}

function fetchBlobOnce(
  site: GatewaySite,
  agent: Agent,
  path: string,
  req: IncomingMessage,
): Promise<IncomingMessage> {
  const url = `${site.blobBaseUrl.replace(/\/+$/, '')}/${path.split('/').map(encodeURIComponent).join('/')}`;
  const headers: Record<string, string> = {};
  for (const name of forwardHeaders) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return new Promise((resolve, reject) => {
    const upstream = request(
      url,
      { method: req.method === 'HEAD' ? 'HEAD' : 'GET', headers, agent },
      resolve,
    );
    upstream.on('error', reject);
    upstream.end();
  });
}

function pipe(upstream: IncomingMessage, res: ServerResponse, headOnly: boolean) {
  const status = upstream.statusCode ?? 502;
  res.statusCode = status >= 500 ? 502 : status;
  for (const name of passHeaders) {
    const value = upstream.headers[name];
    if (value !== undefined) res.setHeader(name, value);
  }
  for (const [name, value] of Object.entries(SITE_SECURITY_HEADERS)) res.setHeader(name, value);
  if (headOnly) {
    upstream.resume();
    res.end();
    return;
  }
  upstream.pipe(res);
}

function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, {
    ...SITE_SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
}

async function closeAll(servers: Server[], agent: Agent): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
  agent.destroy();
}

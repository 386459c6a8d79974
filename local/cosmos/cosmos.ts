import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Account from '@vercel/cosmosdb-server/lib/account';
import route from '@vercel/cosmosdb-server/lib/routes';
import { listenLocal } from '../net';
import { CosmosPersistence, readCosmosSnapshot, restoreCosmosSnapshot } from './cosmos-persistence';
import { quoteStandInEtags } from './quoted-etags';

/**
 * Key in connection strings. The stand-in does not check it, but @azure/cosmos signs every request
 * with it, so it must be valid base64.
 */
export const cosmosLocalKey = Buffer.from('kpi-platform-local-cosmos-key-not-a-secret').toString('base64');

const host = '127.0.0.1';
const queryMetrics =
  'totalExecutionTimeInMs=0.00;queryCompileTimeInMs=0.00;queryLogicalPlanBuildTimeInMs=0.00;' +
  'queryPhysicalPlanBuildTimeInMs=0.00;queryOptimizationTimeInMs=0.00;VMExecutionTimeInMs=0.00;' +
  'indexLookupTimeInMs=0.00;documentLoadTimeInMs=0.00;systemFunctionExecuteTimeInMs=0.00;' +
  'userFunctionExecuteTimeInMs=0.00;retrievedDocumentCount=0;retrievedDocumentSize=0;outputDocumentCount=1;' +
  'outputDocumentSize=0;writeOutputTimeInMs=0.00;indexUtilizationRatio=0.00';

export interface CosmosOptions {
  port: number;
  /** Where databases, containers and items are kept between runs. */
  dataDir: string;
  /** How long after a write the snapshot is taken (default 200 ms). */
  snapshotDelayMs?: number;
}

export interface RunningCosmos {
  port: number;
  /** `http://127.0.0.1:<port>/` */
  endpoint: string;
  key: string;
  /** `AccountEndpoint=…;AccountKey=…;` as in the `COSMOS` setting. */
  connectionString: string;
  /** Writes pending changes to disk now. */
  flush(): Promise<void>;
  /** Stops serving, then writes pending changes. */
  stop(): Promise<void>;
}

type Handler = (account: Account, req: IncomingMessage, res: ServerResponse, params: Params) => unknown;
type Params = { dbId?: string; collId?: string };

/**
 * Starts @vercel/cosmosdb-server's request handling on plain HTTP 127.0.0.1:`port`, with the
 * account state persisted under `dataDir` (see cosmos-persistence.ts).
 *
 * The package's own `createHttpServer()` keeps its Account in a closure, out of reach; so the server
 * is built here from the same parts (Account + routes), mirroring its request handler, and that
 * gives us the Account to snapshot and restore. SDK clients need
 * `connectionPolicy: { enableEndpointDiscovery: false }`, or they switch to HTTPS.
 */
export async function startCosmos(options: CosmosOptions): Promise<RunningCosmos> {
  await mkdir(options.dataDir, { recursive: true });
  quoteStandInEtags();
  const snapshot = await readCosmosSnapshot(options.dataDir);
  let persistence: CosmosPersistence | undefined;
  let account: Account | undefined;

  // Idle keep-alive sockets stay open for 2 min (Node closes them after 5 s): clients (the SDK's agent) reuse
  // idle sockets without knowing of that limit, and a request sent as the server closed one was reset
  // (ECONNRESET → 503 at the heartbeat intake, seen in bench/heartbeat-intake between rounds).
  const server = createServer({ keepAlive: true, keepAliveTimeout: 120_000 }, (req, res) => {
    if (!account || !persistence) {
      res.writeHead(503).end();
      return;
    }
    handle(account, persistence, req, res);
  });
  const port = await listenLocal(server, options.port);
  account = new Account(host, port);
  if (snapshot) restoreCosmosSnapshot(account, snapshot);
  persistence = new CosmosPersistence(options.dataDir, account, options.snapshotDelayMs ?? 200);
  const active = persistence;

  const endpoint = `http://${host}:${port}/`;
  return {
    port,
    endpoint,
    key: cosmosLocalKey,
    connectionString: `AccountEndpoint=${endpoint};AccountKey=${cosmosLocalKey};`,
    flush: () => active.flush(),
    async stop() {
      await closeServer(server);
      await active.flush();
    },
  };
}

/** Lets in-flight requests finish (idle keep-alive sockets close at once), then cuts what is left. */
function closeServer(server: Server, graceMs = 2000): Promise<void> {
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function isWrite(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  // Same test as the package's router uses to send a POST to a query handler.
  const isQuery =
    req.method === 'POST' &&
    (String(req.headers['x-ms-documentdb-isquery']).toLowerCase() === 'true' ||
      req.headers['content-type'] === 'application/query+json');
  return !isQuery;
}

/** Mirrors `generateRequestHandler` in @vercel/cosmosdb-server/lib/index.js, plus the write hook. */
function handle(account: Account, persistence: CosmosPersistence, req: IncomingMessage, res: ServerResponse) {
  const matched = route(req) as [Params, Handler] | undefined;
  (async () => {
    let body: Record<string, unknown> | undefined;
    if (matched) {
      const [params, handler] = matched;
      try {
        body = (await handler(account, req, res, params)) as Record<string, unknown> | undefined;
      } catch (err) {
        console.error(err);
        body = { message: (err as Error).message };
        res.statusCode = 500;
      } finally {
        if (isWrite(req)) persistence.noteWrite(params);
      }
      if (res.statusCode > 399 && body && !body.message) body.message = '';
    } else {
      res.statusCode = 400;
      body = { message: 'no route' };
    }
    if (body && typeof body._etag === 'string') res.setHeader('etag', body._etag);
    res.setHeader('content-type', 'application/json');
    res.setHeader('content-location', `https://${req.headers.host}${req.url}`);
    res.setHeader('x-ms-activity-id', randomUUID());
    res.setHeader('x-ms-request-charge', '1');
    if (req.headers['x-ms-documentdb-populatequerymetrics'])
      res.setHeader('x-ms-documentdb-query-metrics', queryMetrics);
    if (req.headers['a-im'] && res.statusCode === 200) {
      if (req.headers['if-none-match']) res.statusCode = 304;
      res.setHeader('etag', '1');
    }
    res.end(JSON.stringify(body));
  })().catch((err) => {
    console.error(err);
    if (!res.writableEnded) {
      res.statusCode = 500;
      res.end('');
    }
  });
}

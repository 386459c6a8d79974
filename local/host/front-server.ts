import http from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { answerClientErrors, MAX_HEADER_BYTES } from '../http-client-errors';
import {
  type AdminHandler,
  answer,
  createHttpHandler,
  internalError,
  proxyStream,
  type RouteTarget,
  readBody,
  routeRequest,
  WorkerUnavailableError,
} from './http-dispatch';
import type { RouteTable } from './route-matcher';
import type { WorkerProcess } from './worker-process';

/** The app side of an HTTP route: whichever worker currently runs the app. */
export interface HttpTarget extends RouteTarget {
  worker(): WorkerProcess | undefined;
  /** The library's own HTTP proxy URI when the app enabled HTTP streaming. */
  streamUri(): string | undefined;
}

/**
 * The front's own HTTP server: each invocation goes to the app's worker as a frame (streaming apps through
 * the library's proxy). It serves connections the front keeps (admin API, unknown routes, apps that are
 * restarting) and, on an internal port, requests workers pass on for other apps.
 */
export function createFrontHttpServer(o: {
  routePrefix: string;
  routes: RouteTable<HttpTarget>;
  admin: AdminHandler;
}): http.Server {
  const handler = createHttpHandler<HttpTarget>({
    ...o,
    run: (target, head, req, res) => {
      const worker = target.worker();
      if (!worker) {
        req.resume();
        const err = new WorkerUnavailableError(
          'HOST.WORKER_UNAVAILABLE',
          `App '${target.app}' is restarting.`,
        );
        return internalError(res, target.fn, head.id, err);
      }
      const streamUri = target.streamUri();
      if (streamUri) {
        head.stream = true;
        return proxyStream(req, res, head, streamUri, () => worker.http(head, Buffer.alloc(0)));
      }
      readBody(req)
        .then((body) => worker.http(head, body))
        .then((frame) => answer(res, target.fn, head.id, frame))
        .catch((err: unknown) => internalError(res, target.fn, head.id, err));
    },
  });
  return answerClientErrors(
    http.createServer({ keepAliveTimeout: 120_000, maxHeaderSize: MAX_HEADER_BYTES }, handler),
  );
}

// A longer request line is kept by the front, whose parser answers 431 REQUEST.HEADER_TOO_LARGE.
const MAX_REQUEST_LINE = MAX_HEADER_BYTES;

/**
 * Stops libuv reading the socket, so bytes that arrive from now on stay in the kernel and travel with the
 * file descriptor to the worker. `pause()` alone does not stop reading, and once the handle is being sent
 * Node drops whatever it still reads (`handle.onread = nop`): a request whose head or body arrived in a
 * later TCP segment than its first line would then hang forever in the worker.
 */
function stopReading(socket: Socket): void {
  const handle = (socket as unknown as { _handle?: { reading?: boolean; readStop?: () => number } })._handle;
  if (handle?.readStop) {
    handle.reading = false;
    handle.readStop();
  }
}
const IDLE_BEFORE_REQUEST_MS = 120_000;

/**
 * The public port. It reads a new connection's first request line and hands the whole connection (socket
 * and bytes read so far) to the worker of the app whose route matches, which then serves HTTP on it
 * directly: no extra hop per request, as fast as a bare server. Requests on that connection for other
 * apps are passed on by the worker. Connections it cannot hand off are served by `local`.
 */
export function createConnectionRouter(o: {
  routePrefix: string;
  routes: RouteTable<HttpTarget>;
  local: http.Server;
}): Server {
  const keep = (socket: Socket, data: Buffer) => {
    socket.unshift(data);
    o.local.emit('connection', socket);
    socket.resume();
  };
  // TCP_NODELAY is a socket option: it stays set on a socket handed to a worker.
  return createServer({ noDelay: true }, (socket) => {
    // A client that connects and says nothing is dropped; once handed on, HTTP's own timeouts apply.
    const onTimeout = () => socket.destroy();
    socket.setTimeout(IDLE_BEFORE_REQUEST_MS, onTimeout);
    let buffered: Buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      const eol = buffered.indexOf('\r\n');
      if (eol < 0 && buffered.length < MAX_REQUEST_LINE) return;
      socket.off('data', onData);
      socket.off('error', onError);
      socket.setTimeout(0);
      socket.off('timeout', onTimeout);
      stopReading(socket);
      socket.pause();
      const [method = '', url = ''] = buffered.toString('latin1', 0, Math.max(eol, 0)).split(' ');
      const found = eol < 0 ? undefined : routeRequest(o.routes, o.routePrefix, method, url);
      const worker = found?.kind === 'match' ? found.target.worker() : undefined;
      if (worker?.handoff(socket, buffered)) return;
      keep(socket, buffered);
    };
    const onError = () => socket.destroy();
    socket.on('data', onData);
    socket.on('error', onError);
  });
}

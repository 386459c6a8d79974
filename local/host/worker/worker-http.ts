import http from 'node:http';
import type { Socket } from 'node:net';
import { answerClientErrors, MAX_HEADER_BYTES } from '../../http-client-errors';
import type { Frame } from '../frame-channel';
import {
  answer,
  createHttpHandler,
  forward,
  internalError,
  proxyStream,
  type RouteTarget,
  readBody,
} from '../http-dispatch';
import { RouteTable } from '../route-matcher';
import type { HttpRequestHead, HttpResponseHead } from './http-wire';
import type { RouteSpec } from './worker-protocol';

/**
 * HTTP served inside a worker on connections the front hands over: this app's routes run in-process
 * (no hop), other apps' routes and the admin API are passed on to the front's internal port, and 404/405
 * are answered here from the same route table the front uses.
 */
export function createWorkerHttp(o: {
  app: string;
  run: (head: HttpRequestHead, body: Buffer) => Promise<Frame<HttpResponseHead>>;
  streamUri: () => string | undefined;
}): {
  setRoutes(routePrefix: string, routes: RouteSpec[], frontUrl: string): void;
  accept(socket: Socket, data: Buffer): void;
} {
  const routes = new RouteTable<RouteTarget>();
  let frontUrl = '';
  let routePrefix = 'api';
  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void = () => {};
  const rebuild = () => {
    handler = createHttpHandler<RouteTarget>({
      routePrefix,
      routes,
      admin: (req, res) => {
        forward(req, res, frontUrl);
        return true;
      },
      run: (target, head, req, res) => {
        if (target.app !== o.app) return forward(req, res, frontUrl);
        const uri = o.streamUri();
        if (uri) {
          head.stream = true;
          return proxyStream(req, res, head, uri, () => o.run(head, Buffer.alloc(0)));
        }
        readBody(req)
          .then((body) => o.run(head, body))
          .then((frame) => answer(res, target.fn, head.id, frame))
          .catch((err: unknown) => internalError(res, target.fn, head.id, err));
      },
    });
  };
  const server = answerClientErrors(
    http.createServer({ keepAliveTimeout: 120_000, maxHeaderSize: MAX_HEADER_BYTES }, (req, res) =>
      handler(req, res),
    ),
  );
  return {
    setRoutes(prefix, specs, url) {
      routes.removeWhere(() => true);
      for (const r of specs) routes.add(r.template, r.methods, { app: r.app, fn: r.fn });
      routePrefix = prefix;
      frontUrl = url;
      rebuild();
    },
    accept(socket, data) {
      socket.unshift(data);
      server.emit('connection', socket);
      socket.resume();
    },
  };
}

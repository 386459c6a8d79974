/**
 * What a local HTTP server answers when Node's parser refuses a request before any handler runs: a URL or
 * headers over `MAX_HEADER_BYTES` (431), a malformed request (400), a slow one (408). Node's default answer
 * is a bare status line with an empty body; ours carries the platform's error shape, so a client sees a
 * stable code here as everywhere else.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Limit of the request line plus headers (Node's default, stated so that it is a decision). */
export const MAX_HEADER_BYTES = 16 * 1024;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/** Status, code and message for a parser error (`err.code` as Node's llhttp reports it). */
export function clientErrorAnswer(code: string | undefined): {
  status: number;
  code: string;
  message: string;
} {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      code: 'REQUEST.HEADER_TOO_LARGE',
      message: `The request line and headers exceed ${MAX_HEADER_BYTES} bytes (a URL this long is not accepted)`,
    };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, code: 'REQUEST.TIMEOUT', message: 'The request was not received in time' };
  }
  return { status: 400, code: 'REQUEST.MALFORMED', message: 'The request is not valid HTTP' };
}

/** Raw bytes of the error answer (the socket has no ServerResponse at this point). */
export function clientErrorResponse(code: string | undefined): string {
  const a = clientErrorAnswer(code);
  const body = JSON.stringify({ error: { code: a.code, message: a.message } });
  return [
    `HTTP/1.1 ${a.status} ${STATUS_TEXT[a.status]}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'cache-control: no-store',
    'x-content-type-options: nosniff',
    'connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Answers parser errors of `server` with the error shape, then closes the connection. */
export function answerClientErrors(server: Server): Server {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A reset connection or one already answered has nobody left to tell.
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(err.code));
  });
  return server;
}

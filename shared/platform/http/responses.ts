/**
 * Response building shared by routes and the fallback: security headers, CORS headers, JSON bodies and the
 * error shape `{ "error": { "code", "message", "details"?, "id"? } }`.
 */
import { randomUUID } from 'node:crypto';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { ErrorCodes, ensureError, isAppError } from '../errors';
import type { Logger } from '../log';
import { allowedOrigins } from './edge-config';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Sent on every response. `cache-control` is replaced on routes that opt into caching. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
});

export const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, If-None-Match, If-Match, x-request-id';
// x-license-*: the client deployment's licence state on every answer (shared/contracts/client-app.ts), read by its UI.
export const CORS_EXPOSE_HEADERS =
  'ETag, x-request-id, x-license-state, x-license-days-left, x-license-reason';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The incoming `x-request-id` when it is sane, otherwise a new UUID. */
export function requestIdOf(request: HttpRequest): string {
  const incoming = request.headers.get('x-request-id');
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Base headers for a response: security headers, request id, and CORS headers when the Origin is allowed.
 * `Vary: Origin` is always set because the answer depends on it.
 */
export function baseHeaders(request: HttpRequest, requestId: string): Record<string, string> {
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'x-request-id': requestId, vary: 'Origin' };
  const origin = request.headers.get('origin');
  if (origin && allowedOrigins().has(origin)) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-expose-headers'] = CORS_EXPOSE_HEADERS;
  }
  return headers;
}

/** A JSON response with `headers` (mutated: content type added). */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string>,
): HttpResponseInit {
  headers['content-type'] = JSON_CONTENT_TYPE;
  return { status, body: JSON.stringify(body), headers };
}

/**
 * Maps a thrown value to the error response. AppErrors keep their status, code, message and details;
 * anything else is a 500 with a fresh id that is logged together with the error (never sent).
 */
export function errorResponse(err: unknown, headers: Record<string, string>, log: Logger): HttpResponseInit {
  if (isAppError(err)) {
    if (err.headers) Object.assign(headers, err.headers);
    if (err.httpStatus >= 500) {
      const id = randomUUID();
      log.error('request failed', { errorId: id, error: err, code: err.code });
      return jsonResponse(err.httpStatus, { error: { code: err.code, message: err.message, id } }, headers);
    }
    log.info('request rejected', { status: err.httpStatus, code: err.code });
    const error: Record<string, unknown> = { code: err.code, message: err.message };
    if (err.details !== undefined) error.details = err.details;
    return jsonResponse(err.httpStatus, { error }, headers);
  }
  const id = randomUUID();
  log.error('unhandled error', { errorId: id, error: ensureError(err) });
  return jsonResponse(500, { error: { code: ErrorCodes.internal, message: 'Internal error', id } }, headers);
}

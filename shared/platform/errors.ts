/**
 * Errors with stable codes. Everything the product throws on purpose is an `AppError`; the HTTP edge maps
 * it to `{ "error": { "code", "message", "details"? } }` with `httpStatus`, and anything else becomes a 500
 * `INTERNAL` whose details stay in the log.
 */

/** Stable error codes used by the platform itself; apps add their own (`LICENSE.EXPIRED`, …). */
export const ErrorCodes = {
  invalidJson: 'REQUEST.INVALID_JSON',
  validationFailed: 'REQUEST.VALIDATION_FAILED',
  bodyTooLarge: 'REQUEST.BODY_TOO_LARGE',
  nestingTooDeep: 'REQUEST.NESTING_TOO_DEEP',
  headerTooLarge: 'REQUEST.HEADER_TOO_LARGE',
  responseNotSerialisable: 'RESPONSE.NOT_SERIALISABLE',
  unsupportedMediaType: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  tokenMissing: 'AUTH.TOKEN_MISSING',
  tokenInvalid: 'AUTH.TOKEN_INVALID',
  roleForbidden: 'AUTH.ROLE_FORBIDDEN',
  tenantForbidden: 'AUTH.TENANT_FORBIDDEN',
  tenantRequired: 'AUTH.TENANT_REQUIRED',
  routeNotFound: 'ROUTE.NOT_FOUND',
  methodNotAllowed: 'ROUTE.METHOD_NOT_ALLOWED',
  concurrencyConflict: 'CONCURRENCY.CONFLICT',
  configInvalid: 'CONFIG.INVALID',
  unavailable: 'SERVICE.UNAVAILABLE',
  internal: 'INTERNAL',
} as const;

/** One problem in a validation failure: where (path into the input) and what. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error the product raises on purpose: a stable `code`, a safe `message` and the HTTP status it maps to. */
export class AppError extends Error {
  override readonly name: string = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 500,
    readonly details?: unknown,
    /** Extra response headers the edge adds (e.g. `WWW-Authenticate`, `Allow`). */
    readonly headers?: Readonly<Record<string, string>>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** 400: the request is malformed or fails validation. */
export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 400, details);

/** 401 with `WWW-Authenticate: Bearer` (RFC 6750). */
export const unauthorized = (code: string, message: string) =>
  new AppError(code, message, 401, undefined, {
    'www-authenticate': code === ErrorCodes.tokenMissing ? 'Bearer' : 'Bearer error="invalid_token"',
  });

/** 403: authenticated but not allowed. */
export const forbidden = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 403, details);

/** 404: the thing does not exist (or the caller may not know it exists). */
export const notFound = (code: string, message: string) => new AppError(code, message, 404);

/** 409: a duplicate or a state that forbids the change. */
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 409, details);

/** 412: an `If-Match` precondition failed (someone else changed it first). */
export const preconditionFailed = (code: string, message: string) => new AppError(code, message, 412);

/** 413: the request body is larger than the route allows. */
export const payloadTooLarge = (code: string, message: string) => new AppError(code, message, 413);

/** 422: well-formed but semantically impossible (e.g. a formula that references an unknown KPI). */
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 422, details);

/** 503: a dependency is down; the caller may retry. */
export const unavailable = (code: string, message: string, cause?: unknown) =>
  new AppError(code, message, 503, undefined, undefined, { cause });

/** Turns anything thrown into an `Error` (strings, objects from SDKs, `undefined`). */
export function ensureError(err: unknown): Error {
  if (err instanceof Error) return err;
  let text: string;
  try {
    text = typeof err === 'string' ? err : JSON.stringify(err);
  } catch {
    text = String(err);
  }
  return new Error(`Non-error thrown: ${text}`);
}

/** True when `err` is an AppError (also across duplicated module copies, by shape). */
export function isAppError(err: unknown): err is AppError {
  return (
    err instanceof AppError ||
    (err instanceof Error &&
      typeof (err as Partial<AppError>).code === 'string' &&
      typeof (err as Partial<AppError>).httpStatus === 'number')
  );
}

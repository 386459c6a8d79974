/** An API failure as the UI shows it: the stable code, message and request id from the error body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** Stable error code, e.g. `AUTH.FORBIDDEN` or `NETWORK.UNREACHABLE`. */
    readonly code: string,
    message: string,
    /** `error.details` from the body, when given. */
    readonly details?: unknown,
    /** Request id to quote to support (body `error.requestId`/`details.requestId` or a response header). */
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** Turns anything thrown into an Error, so error panels always have a message. */
export function ensureError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(typeof err === 'string' ? err : JSON.stringify(err));
}

/** A failure as one line under a form: the API's message with its stable code, anything else as it prints. */
export function errorText(err: unknown): string {
  return err instanceof ApiError ? `${err.message} (${err.code})` : String(err);
}

const requestIdHeaders = ['x-request-id', 'x-ms-request-id', 'request-id', 'x-correlation-id'];

function stringField(record: unknown, key: string): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const v = (record as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Builds an ApiError from a failed response and its (possibly non-JSON) body text. The API's error
 * shape is `{ error: { code, message, details? } }`; anything else gets an `HTTP.<status>` code.
 */
export function apiErrorFromResponse(
  status: number,
  statusText: string,
  bodyText: string,
  headers: Headers,
): ApiError {
  let body: unknown;
  try {
    body = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    body = undefined;
  }
  const error =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).error : undefined;
  const details =
    typeof error === 'object' && error !== null ? (error as Record<string, unknown>).details : undefined;
  const requestId =
    stringField(error, 'requestId') ??
    stringField(details, 'requestId') ??
    requestIdHeaders.map((h) => headers.get(h)).find((v): v is string => !!v) ??
    undefined;
  const code = stringField(error, 'code') ?? `HTTP.${status}`;
  const message = stringField(error, 'message') ?? (statusText || `The server answered ${status}`);
  return new ApiError(status, code, message, details, requestId);
}

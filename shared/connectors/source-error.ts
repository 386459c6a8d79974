/**
 * `SourceError`: an `AppError` with a `SOURCE.*` code. Its message is built from what the source said,
 * with every secret value of the definition cut out, so a driver that echoes a password or a server that
 * echoes a header never puts a secret into a response or a log line.
 */
import { type SourceErrorCode, SourceErrorCodes, type TestResult } from '../contracts/connector';
import { AppError, ensureError, isAppError } from '../platform/errors';

const STATUS: Record<SourceErrorCode, number> = {
  'SOURCE.UNREACHABLE': 502,
  'SOURCE.TIMEOUT': 504,
  'SOURCE.AUTH_FAILED': 502,
  'SOURCE.TLS': 502,
  'SOURCE.NOT_FOUND': 404,
  'SOURCE.PERMISSION': 502,
  'SOURCE.TYPE_UNAVAILABLE': 422,
  'SOURCE.SECRET_MISSING': 422,
  'SOURCE.RATE_LIMITED': 503,
  'SOURCE.PROTOCOL': 502,
  'SOURCE.FORMAT_INVALID': 422,
  'SOURCE.TOO_LARGE': 413,
  'SOURCE.STREAM_UNKNOWN': 404,
  'SOURCE.CURSOR_INVALID': 422,
};

export class SourceError extends AppError {
  override readonly name = 'SourceError';
  constructor(code: SourceErrorCode, message: string, details?: unknown) {
    super(code, message, STATUS[code], details);
  }
}

export const isSourceError = (e: unknown): e is SourceError => e instanceof SourceError;

/** `text` with every secret replaced by `***` (secrets shorter than 4 characters are still cut). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}

/** A secret as the UI shows it: never more than its last 2 characters. */
export function maskSecret(value: string | undefined): string {
  if (!value) return '';
  return value.length <= 8 ? '••••••••' : `••••••••${value.slice(-2)}`;
}

/** Any failure as a redacted `SourceError`; `classify` maps driver errors to codes. */
export function toSourceError(
  err: unknown,
  secrets: readonly string[],
  classify: (e: Error & { code?: unknown }) => SourceErrorCode,
): SourceError {
  if (err instanceof SourceError) {
    return new SourceError(err.code as SourceErrorCode, redact(err.message, secrets), err.details);
  }
  if (isAppError(err) && err.code.startsWith('SOURCE.')) {
    return new SourceError(err.code as SourceErrorCode, redact(err.message, secrets), err.details);
  }
  const e = ensureError(err) as Error & { code?: unknown };
  return new SourceError(classify(e), redact(e.message || String(e.code ?? 'error'), secrets));
}

/** The failure half of a test result. */
export function failedTest(err: SourceError, started: number): TestResult {
  return { ok: false, latencyMs: Date.now() - started, error: { code: err.code, message: err.message } };
}

/** Node network errors shared by every connector; undefined when the error is not one of them. */
export function networkCode(e: Error & { code?: unknown }): SourceErrorCode | undefined {
  const code = typeof e.code === 'string' ? e.code : '';
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'].includes(code))
    return SourceErrorCodes.unreachable;
  if (code === 'ETIMEDOUT' || e.name === 'TimeoutError' || /timeout|timed out/i.test(e.message))
    return SourceErrorCodes.timeout;
  if (/^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|UNABLE_TO_VERIFY)/.test(code))
    return SourceErrorCodes.tls;
  if (/ssl|tls|certificate/i.test(e.message)) return SourceErrorCodes.tls;
  return undefined;
}

/** The secret a definition names, or SOURCE.SECRET_MISSING. */
export async function resolveSecret(
  secrets: { get(name: string): Promise<string | undefined> },
  ref: string,
): Promise<string> {
  const value = await secrets.get(ref);
  if (value === undefined || value === '') {
    throw new SourceError(SourceErrorCodes.secretMissing, `The secret ${ref} is not in the key vault`);
  }
  return value;
}

/** Reads a JSON request body with a byte limit (declared Content-Length and actual bytes). */
import type { HttpRequest } from '@azure/functions';
import { AppError, badRequest, ErrorCodes, payloadTooLarge } from '../errors';

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
/**
 * Deepest nesting of arrays and objects a JSON body may have. No request schema goes deeper than a few
 * levels; 10,000 levels made `JSON.stringify` (responses, logs, Cosmos) throw RangeError further on.
 */
export const MAX_JSON_DEPTH = 64;

const decoder = new TextDecoder('utf-8', { fatal: true });

const tooLarge = (limit: number) =>
  payloadTooLarge(ErrorCodes.bodyTooLarge, `Request body exceeds the limit of ${limit} bytes`);

/**
 * The parsed JSON body. Rejects: > `limit` bytes (413), a non-JSON content type (415), an empty body,
 * invalid UTF-8 or malformed JSON (400 `REQUEST.INVALID_JSON`), nesting deeper than `MAX_JSON_DEPTH`
 * (400 `REQUEST.NESTING_TOO_DEEP`, checked on the text before it is parsed).
 */
export async function readJsonBody(request: HttpRequest, limit: number): Promise<unknown> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  const type = request.headers.get('content-type');
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new AppError(ErrorCodes.unsupportedMediaType, 'Request body must be application/json', 415);
  }
  const bytes = await readLimited(request, limit);
  if (bytes.byteLength === 0)
    throw badRequest(ErrorCodes.invalidJson, 'Request body is empty; JSON expected');
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw badRequest(ErrorCodes.invalidJson, 'Request body is not valid UTF-8');
  }
  const depth = jsonDepthExceeds(text, MAX_JSON_DEPTH);
  if (depth) {
    throw badRequest(
      ErrorCodes.nestingTooDeep,
      `Request body nests arrays/objects deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(ErrorCodes.invalidJson, 'Request body is not valid JSON');
  }
}

/** Reads the body stream, giving up as soon as it passes `limit` (the Content-Length may lie or be absent). */
async function readLimited(request: HttpRequest, limit: number): Promise<Uint8Array> {
  const stream = request.body;
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = value as Uint8Array;
    total += chunk.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/**
 * True when `text` opens more than `max` arrays/objects inside each other (brackets inside strings do not
 * count). One pass, no recursion, so it cannot overflow the stack itself; malformed JSON is left to
 * `JSON.parse`.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

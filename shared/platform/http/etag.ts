import { createHash } from 'node:crypto';

/** A weak ETag over a response body (`W/"<base64url sha1 of the JSON>"`); strings are hashed as they are. */
export function weakEtag(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  return `W/"${createHash('sha1').update(text).digest('base64url')}"`;
}

/**
 * True when an `If-None-Match` header matches `etag` (weak comparison, RFC 9110 §13.1.2: `W/` is ignored;
 * `*` matches anything).
 */
export function ifNoneMatchMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  const opaque = stripWeak(etag);
  for (const candidate of header.split(',')) {
    const c = candidate.trim();
    if (c === '*' || stripWeak(c) === opaque) return true;
  }
  return false;
}

const stripWeak = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);

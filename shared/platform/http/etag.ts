/**
 * Entity tags in their standard form (RFC 9110 §8.8.3): `"opaque"` (strong) or `W/"opaque"` (weak). What the
 * edge sends is always quoted; what it accepts in `If-Match` / `If-None-Match` may be quoted or, for clients
 * written against the old unquoted answers, bare.
 */
import { createHash } from 'node:crypto';

/** A weak ETag over a response body (`W/"<base64url sha1 of the JSON>"`); strings are hashed as they are. */
export function weakEtag(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  return `W/"${createHash('sha1').update(text).digest('base64url')}"`;
}

/** `"x"` and `W/"x"` as they are; a bare `x` (an old client, a store that hands out bare tags) becomes `"x"`. */
export function quoteEtag(tag: string): string {
  const t = tag.trim();
  if (t === '*' || /^(W\/)?".*"$/.test(t)) return t;
  return `"${t}"`;
}

const isWeak = (tag: string) => tag.startsWith('W/');
/** The part inside the quotes, whichever form the tag came in. */
const opaque = (tag: string) => {
  const t = tag.trim();
  const s = isWeak(t) ? t.slice(2) : t;
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
};

/** The members of an `If-Match`/`If-None-Match` list (commas inside quoted tags do not split). */
function members(header: string): string[] {
  return (header.match(/(?:W\/)?"[^"]*"|[^,\s]+/g) ?? []).map((m) => m.trim());
}

/**
 * True when an `If-None-Match` header matches `etag` (weak comparison, RFC 9110 §13.1.2: `W/` is ignored;
 * `*` matches anything; quoted and bare tags compare equal).
 */
export function ifNoneMatchMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  const want = opaque(etag);
  return members(header).some((c) => c === '*' || opaque(c) === want);
}

/**
 * True when an `If-Match` header matches `etag` (strong comparison, RFC 9110 §13.1.1: a weak tag on either
 * side never matches; `*` matches any current representation; quoted and bare tags compare equal).
 */
export function ifMatchMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (isWeak(etag.trim())) return false;
  const want = opaque(etag);
  return members(header).some((c) => c === '*' || (!isWeak(c) && opaque(c) === want));
}

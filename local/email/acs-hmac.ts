import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// The HMAC-SHA256 scheme of Azure Communication Services, as @azure/communication-common's
// communicationAccessKeyCredentialPolicy signs it:
//   string to sign = VERB \n path?query \n x-ms-date;host;x-ms-content-sha256
//   Authorization  = HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64>
// with the query re-serialised by URLSearchParams and the key base64-decoded.

/** How far x-ms-date may be from the server's clock, as in ACS. */
export const maxClockSkewMs = 15 * 60 * 1000;

export interface SignableRequest {
  method: string;
  /** Path and query as sent (`req.url`). */
  url: string;
  host: string;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export type AuthFailure = { ok: false; reason: string };

function pathAndQuery(rawUrl: string): string {
  const url = new URL(rawUrl, 'http://placeholder');
  const query = url.searchParams.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

const header = (h: SignableRequest['headers'], name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Base64 SHA-256 of a body, as in x-ms-content-sha256. */
export const contentHash = (body: Buffer | string) => createHash('sha256').update(body).digest('base64');

/** The Authorization header value for a request (used by the server to check, and by raw-HTTP tests). */
export function acsSignature(
  accessKey: string,
  method: string,
  url: string,
  date: string,
  host: string,
  hash: string,
) {
  const stringToSign = `${method.toUpperCase()}\n${pathAndQuery(url)}\n${date};${host};${hash}`;
  const signature = createHmac('sha256', Buffer.from(accessKey, 'base64'))
    .update(stringToSign)
    .digest('base64');
  return `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`;
}

/** Checks the ACS HMAC signature of a request; `now` is injectable for tests. */
export function verifyAcsRequest(
  req: SignableRequest,
  accessKey: string,
  now = Date.now(),
): { ok: true } | AuthFailure {
  const authorization = header(req.headers, 'authorization');
  const date = header(req.headers, 'x-ms-date') ?? header(req.headers, 'date');
  const hash = header(req.headers, 'x-ms-content-sha256');
  if (!authorization?.startsWith('HMAC-SHA256 '))
    return { ok: false, reason: 'missing HMAC-SHA256 Authorization' };
  if (!date || !hash) return { ok: false, reason: 'missing x-ms-date or x-ms-content-sha256' };
  const when = Date.parse(date);
  if (Number.isNaN(when) || Math.abs(now - when) > maxClockSkewMs) {
    return { ok: false, reason: 'x-ms-date is missing, malformed or too far from the server clock' };
  }
  if (hash !== contentHash(req.body))
    return { ok: false, reason: 'x-ms-content-sha256 does not match the body' };
  const expected = Buffer.from(acsSignature(accessKey, req.method, req.url, date, req.host, hash));
  const given = Buffer.from(authorization);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}

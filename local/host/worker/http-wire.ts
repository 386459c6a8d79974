import type { RpcHttpCookie, RpcInvocationResponse, RpcNullableString, RpcTypedData } from './core-types';

/** An HTTP request as the front sends it to a worker (the body travels beside it as raw bytes). */
export interface HttpRequestHead {
  id: string;
  fn: string;
  method: string;
  url: string;
  /** Header values; repeated headers already joined with ', ' (cookie with '; '), as the host does. */
  headers: Record<string, string>;
  /** Query values; a repeated key joined with ',' (ASP.NET StringValues, a known host quirk). */
  query: Record<string, string>;
  params: Record<string, string>;
  /** The app asked for HTTP streaming: the front proxies the request to the library's own server. */
  stream?: boolean;
}

/** The worker's answer for one HTTP invocation. */
export interface HttpResponseHead {
  id: string;
  status?: number;
  headers?: [string, string][];
  cookies?: string[];
  /** The response already went over the library's stream proxy. */
  streamed?: boolean;
  error?: { message: string; name?: string };
}

const nullable = (m: Record<string, string>): Record<string, RpcNullableString> => {
  const out: Record<string, RpcNullableString> = {};
  for (const k in m) out[k] = { value: m[k] };
  return out;
};

/** The RPC http input the host builds (capabilities RawHttpBodyBytes and UseNullableValueDictionaryForHttp). */
export function toRpcHttpInput(head: HttpRequestHead, body: Buffer): RpcTypedData {
  return {
    http: {
      method: head.method,
      url: head.url,
      nullableHeaders: nullable(head.headers),
      nullableQuery: nullable(head.query),
      nullableParams: nullable(head.params),
      body: body.length > 0 ? { bytes: body } : null,
    },
  };
}

/** Trigger metadata of a streamed HTTP invocation: headers as JSON, route params as strings. */
export function streamTriggerMetadata(head: HttpRequestHead): Record<string, RpcTypedData> {
  const meta: Record<string, RpcTypedData> = { Headers: { json: JSON.stringify(head.headers) } };
  for (const [k, v] of Object.entries(head.params)) meta[k] = { string: v };
  return meta;
}

function serializeCookie(c: RpcHttpCookie): string {
  const parts = [`${c.name ?? ''}=${c.value ?? ''}`];
  if (c.domain?.value) parts.push(`Domain=${c.domain.value}`);
  if (c.path?.value) parts.push(`Path=${c.path.value}`);
  if (c.expires?.value?.seconds)
    parts.push(`Expires=${new Date(c.expires.value.seconds * 1000).toUTCString()}`);
  if (c.maxAge?.value !== undefined && c.maxAge.value !== null) parts.push(`Max-Age=${c.maxAge.value}`);
  if (c.secure?.value) parts.push('Secure');
  if (c.httpOnly?.value) parts.push('HttpOnly');
  if (c.sameSite === 'lax') parts.push('SameSite=Lax');
  else if (c.sameSite === 'strict') parts.push('SameSite=Strict');
  else if (c.sameSite === 'explicitNone') parts.push('SameSite=None');
  return parts.join('; ');
}

function bodyBytes(data: RpcTypedData | null | undefined): Buffer {
  if (!data) return Buffer.alloc(0);
  if (data.bytes) return Buffer.from(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength);
  if (data.string !== undefined && data.string !== null) return Buffer.from(data.string, 'utf8');
  if (data.json !== undefined && data.json !== null) return Buffer.from(data.json, 'utf8');
  return Buffer.alloc(0);
}

/** Converts the invocation response (return value or an `http` output) into status, headers and body. */
export function fromRpcHttpResponse(
  id: string,
  res: RpcInvocationResponse,
): { head: HttpResponseHead; body: Buffer } {
  const http = res.returnValue?.http ?? res.outputData?.find((o) => o.data?.http)?.data?.http;
  if (!http) {
    // The handler returned nothing: the host answers 204 No Content.
    return { head: { id, status: 204, headers: [] }, body: Buffer.alloc(0) };
  }
  const headers: [string, string][] = Object.entries(http.headers ?? {});
  return {
    head: {
      id,
      status: Number(http.statusCode ?? 200) || 200,
      headers,
      cookies: (http.cookies ?? []).map(serializeCookie),
    },
    body: bodyBytes(http.body),
  };
}

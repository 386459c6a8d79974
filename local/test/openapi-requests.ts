/**
 * A minimal client that knows nothing but a served OpenAPI document: where the server is, the path and
 * method of each operation, its parameters, the security scheme it names (and where that scheme puts the
 * credential), and a request body derived from the body's JSON schema. The contract and fuzz tests use it,
 * so they send what a client generated from the document would send.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema and OpenAPI objects are walked dynamically.
type Json = Record<string, any>;

export interface Operation {
  app: string;
  method: string;
  /** Path template as documented, `/api/<app>/tenants/{tenantId}/...`. */
  path: string;
  operationId: string;
  pathParams: string[];
  /** Names of the security schemes of the first requirement (none for a public operation). */
  security: string[];
  roles: unknown;
  bodySchema?: Json;
  /** The document the operation came from (for schemes and server URL). */
  doc: Json;
  docUrl: string;
}

/** Fetches `/api/<app>/openapi.json` of each app. */
export async function fetchDocs(api: string, apps: readonly string[]): Promise<Operation[]> {
  const ops: Operation[] = [];
  for (const app of apps) {
    const docUrl = `${api}/${app}/openapi.json`;
    const res = await fetch(docUrl);
    if (res.status !== 200) throw new Error(`${docUrl}: HTTP ${res.status}`);
    const doc = (await res.json()) as Json;
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(methods)) {
        const requirement = ((op.security as Json[] | undefined) ?? [])[0] ?? {};
        ops.push({
          app,
          method: method.toUpperCase(),
          path,
          operationId: op.operationId,
          pathParams: ((op.parameters as Json[] | undefined) ?? [])
            .filter((p) => p.in === 'path')
            .map((p) => p.name as string),
          security: Object.keys(requirement),
          roles: op['x-roles'],
          bodySchema: op.requestBody?.content?.['application/json']?.schema,
          doc,
          docUrl,
        });
      }
    }
  }
  return ops;
}

/** What the caller configured per security scheme: a token for `http` schemes, a key for `apiKey` ones. */
export interface Credentials {
  /** Per scheme name: the bearer token (or other `http` scheme credential). */
  tokens?: Record<string, string>;
  /** Per scheme name: the API key value, sent as the scheme says (header, query or cookie). */
  apiKeys?: Record<string, string>;
}

/** The URL of `op` with `params` filled in (each encoded as a single path segment). */
export function urlOf(op: Operation, params: Record<string, string>): string {
  const server = (op.doc.servers as { url: string }[] | undefined)?.[0]?.url ?? '/';
  const base = new URL(server, op.docUrl);
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${op.operationId}: no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  return new URL(path.replace(/^\//, ''), base.href.endsWith('/') ? base : `${base.href}/`).href;
}

/**
 * Headers (and query additions) that satisfy `op`'s security requirement as the document declares it:
 * `http` schemes → `Authorization: <Scheme> <token>`; `apiKey` in a header → that header with the key.
 */
export function securityHeaders(op: Operation, creds: Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of op.security) {
    const scheme = op.doc.components?.securitySchemes?.[name] as Json | undefined;
    if (!scheme) throw new Error(`${op.operationId}: security scheme ${name} is not declared`);
    if (scheme.type === 'http') {
      const token = creds.tokens?.[name];
      if (token === undefined) throw new Error(`no token configured for scheme ${name}`);
      const word = String(scheme.scheme);
      headers.authorization = `${word.charAt(0).toUpperCase()}${word.slice(1)} ${token}`;
    } else if (scheme.type === 'apiKey' && scheme.in === 'header') {
      const key = creds.apiKeys?.[name];
      if (key === undefined) throw new Error(`no API key configured for scheme ${name}`);
      headers[String(scheme.name).toLowerCase()] = key;
    } else throw new Error(`scheme ${name} (${scheme.type}/${scheme.in}) is not supported by this client`);
  }
  return headers;
}

const STRING_CANDIDATES = ['sample-1', 'sample', 'a', 'A1', '1', 'x1'];

/**
 * A value valid for `schema` as far as the schema says (required properties, enums, bounds, patterns,
 * formats), with `overrides` for properties the caller knows (ids, keys, times).
 */
export function sampleFromSchema(
  schema: Json,
  overrides: Record<string, unknown> = {},
  root = schema,
): unknown {
  if (schema.$ref) {
    const target = String(schema.$ref)
      .replace(/^#\//, '')
      .split('/')
      .reduce((node: Json | undefined, key) => node?.[key], root);
    return target ? sampleFromSchema(target, overrides, root) : null;
  }
  if ('const' in schema) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.enum?.length) return schema.enum[0];
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (alternatives?.length) {
    const pick = alternatives.find((a) => a.type !== 'null') ?? alternatives[0];
    return sampleFromSchema(pick as Json, overrides, root);
  }
  if (schema.allOf) return sampleFromSchema(Object.assign({}, ...(schema.allOf as Json[])), overrides, root);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = (schema.properties ?? {}) as Record<string, Json>;
      for (const name of (schema.required as string[] | undefined) ?? []) {
        out[name] =
          name in overrides ? overrides[name] : sampleFromSchema(props[name] ?? {}, overrides, root);
      }
      for (const name of Object.keys(props)) if (name in overrides) out[name] = overrides[name];
      return out;
    }
    case 'array': {
      const n = Math.max(0, schema.minItems ?? 0);
      return Array.from({ length: n }, () => sampleFromSchema(schema.items ?? {}, overrides, root));
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
      return Math.min(Math.max(min, 1), max);
    }
    case 'boolean':
      return false;
    case 'string':
      return sampleString(schema);
    default:
      return null;
  }
}

function sampleString(schema: Json): string {
  switch (schema.format) {
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'email':
      return 'ops@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/';
    case 'uuid':
      return '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
  }
  const min = schema.minLength ?? 0;
  const re = schema.pattern ? new RegExp(schema.pattern, 'u') : undefined;
  for (const c of STRING_CANDIDATES) {
    const v = c.length >= min ? c : c.padEnd(min, 'a');
    if ((!re || re.test(v)) && (schema.maxLength === undefined || v.length <= schema.maxLength)) return v;
  }
  return 'a'.repeat(Math.max(1, min));
}

/**
 * The demo REST "CRM": `GET {base}/objects/{Object}?cursor=&limit=&updated_since=` answers
 * `{ "data": [...], "next": "<cursor>" | null }`, ordered by the object's time field, behind an API key
 * (`x-api-key`). A plain node:http handler so the local stack can mount it on its own server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoObject } from './demo-data';

export const CRM_API_KEY_HEADER = 'x-api-key';
const MAX_LIMIT = 1000;

export interface CrmOptions {
  apiKey: string;
  /** Path prefix the handler answers under (default `/crm/v1`). */
  basePath?: string;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A handler for the CRM objects; answers false when the path is not its own (so a server can chain). */
export function crmHandler(objects: readonly DemoObject[], options: CrmOptions) {
  const base = options.basePath ?? '/crm/v1';
  const sorted = new Map(
    objects.map((o) => {
      const f = o.cursorField;
      const rows = f
        ? [...o.rows].sort((a, b) => String(a[f] ?? '').localeCompare(String(b[f] ?? '')))
        : o.rows;
      return [o.object.name, { ...o, rows }];
    }),
  );
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://crm');
    if (!url.pathname.startsWith(`${base}/`)) return false;
    if (req.method !== 'GET') {
      send(res, 405, { error: { code: 'ROUTE.METHOD_NOT_ALLOWED', message: 'GET only' } });
      return true;
    }
    if (req.headers[CRM_API_KEY_HEADER] !== options.apiKey) {
      send(res, 401, {
        error: { code: 'AUTH.API_KEY_INVALID', message: 'A valid x-api-key header is required' },
      });
      return true;
    }
    const m = /^\/objects\/([A-Za-z]+)$/.exec(url.pathname.slice(base.length));
    const entry = m ? sorted.get(m[1] as string) : undefined;
    if (!entry) {
      send(res, 404, { error: { code: 'ROUTE.NOT_FOUND', message: 'No such object' } });
      return true;
    }
    const cursor = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Math.min(MAX_LIMIT, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
    if (!Number.isInteger(cursor) || cursor < 0) {
      send(res, 400, {
        error: { code: 'REQUEST.VALIDATION_FAILED', message: 'cursor must be a cursor from next' },
      });
      return true;
    }
    const since = url.searchParams.get('updated_since');
    const f = entry.cursorField;
    const rows = since && f ? entry.rows.filter((r) => r[f] === null || String(r[f]) >= since) : entry.rows;
    const data = rows.slice(cursor, cursor + limit);
    send(res, 200, { data, next: cursor + limit < rows.length ? String(cursor + limit) : null });
    return true;
  };
}

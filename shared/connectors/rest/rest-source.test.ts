import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../local/net';
import { type RestDefinition, restDefinitionSchema } from '../../contracts/connector';
import { capturingLogger, collect, MemorySecretStore } from '../fixtures';
import { nextLink, RestSource, retryAfterMs } from './rest-source';

const API_KEY = 'k3y-Very-Secret-991';
const TOKEN = 'tok-Bearer-Secret-552';
const items = Array.from({ length: 25 }, (_, i) => ({
  id: i + 1,
  name: `Customer ${i + 1}`,
  updatedAt: new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 5))).toISOString(),
}));
const seen: { path: string; at: number }[] = [];
let flaky = 0;

function handle(req: IncomingMessage): { status: number; headers?: Record<string, string>; body?: unknown } {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = url.searchParams;
  seen.push({ path: url.pathname, at: Date.now() });
  if (url.pathname.startsWith('/bearer/') && req.headers.authorization !== `Bearer ${TOKEN}`)
    return { status: 401 };
  if (url.pathname.startsWith('/v1/') && req.headers['x-api-key'] !== API_KEY) return { status: 401 };
  const since = q.get('since');
  const list = since ? items.filter((i) => i.updatedAt >= since) : items;
  switch (url.pathname.replace(/^\/(v1|bearer)/, '')) {
    case '/offset': {
      const o = Number(q.get('offset'));
      return { status: 200, body: { data: list.slice(o, o + Number(q.get('limit'))) } };
    }
    case '/page': {
      const p = Number(q.get('page'));
      const n = Number(q.get('pageSize'));
      return { status: 200, body: list.slice((p - 1) * n, p * n) };
    }
    case '/cursor': {
      const c = Number(q.get('cursor') ?? 0);
      return {
        status: 200,
        body: {
          result: { items: list.slice(c, c + 10) },
          meta: { next: c + 10 < list.length ? String(c + 10) : null },
        },
      };
    }
    case '/link': {
      const p = Number(q.get('p') ?? 0);
      const headers: Record<string, string> =
        p < 2 ? { link: `</v1/link?p=${p + 1}>; rel="next", </v1/link?p=0>; rel="first"` } : {};
      return { status: 200, headers, body: list.slice(p * 10, p * 10 + 10) };
    }
    case '/evil-link':
      return { status: 200, headers: { link: '<http://elsewhere.example/steal>; rel="next"' }, body: [] };
    case '/flaky':
      flaky++;
      return flaky === 1
        ? { status: 429, headers: { 'retry-after': '1' } }
        : { status: 200, body: items.slice(0, 2) };
    case '/always-429':
      return { status: 429, headers: { 'retry-after': '0' } };
    case '/long-429':
      return { status: 429, headers: { 'retry-after': '3600' } };
    case '/forbidden':
      return { status: 403 };
    case '/not-json':
      return { status: 200, body: '<html>' };
    default:
      return { status: 404 };
  }
}

let server: Server;
let baseUrl: string;
const secrets = new MemorySecretStore();
const { log, lines } = capturingLogger();
const source = new RestSource({ secrets, log });

beforeAll(async () => {
  server = createServer((req, res) => {
    const r = handle(req);
    res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
    res.end(r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await secrets.set('crm-key', API_KEY, 'text/plain');
  await secrets.set('crm-token', TOKEN, 'text/plain');
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const def = (
  endpoints: unknown[],
  auth: unknown = { kind: 'api-key', headerName: 'x-api-key', secretRef: 'crm-key' },
) => restDefinitionSchema.parse({ type: 'rest', baseUrl, auth, endpoints, maxRetries: 2 }) as RestDefinition;

const crm = () =>
  def([
    {
      name: 'offset',
      path: '/v1/offset',
      recordsPath: 'data',
      paging: { kind: 'offset', pageSize: 10 },
      sinceParam: 'since',
    },
    { name: 'page', path: '/v1/page', paging: { kind: 'page', pageSize: 10 } },
    {
      name: 'cursor',
      path: '/v1/cursor',
      recordsPath: 'result.items',
      paging: { kind: 'cursor', cursorParam: 'cursor', nextCursorPath: 'meta.next' },
    },
    { name: 'link', path: '/v1/link', paging: { kind: 'link-header' } },
  ]);

describe('RestSource against a local HTTP server', () => {
  it.each(['offset', 'page', 'cursor', 'link'])('reads every record through %s paging', async (stream) => {
    const batches = await collect(source.read(crm(), { stream, batchSize: 7 }));
    expect(batches.flatMap((b) => b.records).map((r) => r.id)).toEqual(items.map((i) => i.id));
    expect(batches.at(-1)?.done).toBe(true);
  });

  it('keeps the stored cursor until the last batch, then stores the highest value', async () => {
    const batches = await collect(
      source.read(crm(), {
        stream: 'offset',
        cursorField: 'updatedAt',
        cursorValue: '2024-01-04T00:00:00.000Z',
        batchSize: 4,
      }),
    );
    expect(batches.flatMap((b) => b.records).map((r) => r.id)).toEqual([
      16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    ]);
    expect(batches[0]?.state.cursorValue).toBe('2024-01-04T00:00:00.000Z');
    expect(batches.at(-1)?.state).toMatchObject({ cursorValue: '2024-01-05T00:00:00.000Z', recordsRead: 10 });
  });

  it('discovers columns, keys and cursor candidates from the first page', async () => {
    const schema = await source.discover(crm(), { streams: ['cursor'], sampleRows: 2 });
    expect(schema.streams).toHaveLength(1);
    expect(schema.streams[0]).toMatchObject({
      name: 'cursor',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'name', type: 'string', nullable: false },
        { name: 'updatedAt', type: 'datetime', nullable: false },
      ],
      keyCandidates: [['id']],
      cursorCandidates: ['updatedAt', 'id'],
    });
    expect(schema.streams[0]?.sampleRows).toHaveLength(2);
  });

  it('sends a bearer token and reports a wrong one as AUTH_FAILED', async () => {
    const bearer = def([{ name: 'page', path: '/bearer/page', paging: { kind: 'page', pageSize: 10 } }], {
      kind: 'bearer',
      secretRef: 'crm-token',
    });
    expect(await source.test(bearer)).toMatchObject({ ok: true });
    await secrets.set('wrong', 'nope', 'text/plain');
    expect(await source.test({ ...bearer, auth: { kind: 'bearer', secretRef: 'wrong' } })).toMatchObject({
      ok: false,
      error: { code: 'SOURCE.AUTH_FAILED' },
    });
  });

  it('waits Retry-After on 429 and gives up with RATE_LIMITED', async () => {
    const batches = await collect(source.read(def([{ name: 'flaky', path: '/flaky' }]), { stream: 'flaky' }));
    expect(batches.flatMap((b) => b.records)).toHaveLength(2);
    const calls = seen.filter((s) => s.path === '/flaky');
    expect(calls).toHaveLength(2);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);

    const before = seen.filter((s) => s.path === '/always-429').length;
    await expect(
      collect(source.read(def([{ name: 'x', path: '/always-429' }]), { stream: 'x' })),
    ).rejects.toMatchObject({
      code: 'SOURCE.RATE_LIMITED',
    });
    expect(seen.filter((s) => s.path === '/always-429').length - before).toBe(3);
    await expect(
      collect(source.read(def([{ name: 'x', path: '/long-429' }]), { stream: 'x' })),
    ).rejects.toMatchObject({
      code: 'SOURCE.RATE_LIMITED',
    });
  });

  it('maps statuses, bodies and network failures to stable codes', async () => {
    const code = async (path: string, recordsPath = '') =>
      ((await source.test(def([{ name: 'x', path, recordsPath }]))) as { error?: { code: string } }).error
        ?.code;
    expect(await code('/forbidden')).toBe('SOURCE.PERMISSION');
    expect(await code('/missing')).toBe('SOURCE.NOT_FOUND');
    expect(await code('/not-json')).toBe('SOURCE.PROTOCOL');
    expect(await code('/v1/offset', 'nope')).toBe('SOURCE.PROTOCOL');
    expect(await code('/evil-link')).toBe(undefined);
    await expect(
      collect(
        source.read(def([{ name: 'x', path: '/evil-link', paging: { kind: 'link-header' } }]), {
          stream: 'x',
        }),
      ),
    ).rejects.toMatchObject({ code: 'SOURCE.PROTOCOL' });
    const closed = restDefinitionSchema.parse({
      type: 'rest',
      baseUrl: `http://127.0.0.1:${await freePort()}`,
      endpoints: [{ name: 'x', path: '/x' }],
    });
    expect(await source.test(closed)).toMatchObject({ ok: false, error: { code: 'SOURCE.UNREACHABLE' } });
  });

  it('never lets the API key or token into logs or results', async () => {
    const failing = def([{ name: 'x', path: '/v1/forbidden' }]);
    const results = JSON.stringify([
      await source.test(crm()),
      await source.discover(crm()),
      await collect(source.read(crm(), { stream: 'link' })),
      await source.test(failing),
      await collect(source.read(def([{ name: 'x', path: '/flaky' }]), { stream: 'x' })),
      await collect(source.read(failing, { stream: 'x' })).catch((e: Error) => [
        e.message,
        JSON.stringify(e),
      ]),
    ]);
    expect(lines.length).toBeGreaterThan(0);
    expect(results + lines.join('\n')).not.toContain(API_KEY);
    expect(results + lines.join('\n')).not.toContain(TOKEN);
  });
});

describe('paging helpers', () => {
  it('finds rel="next" among several links and reads Retry-After dates', () => {
    expect(nextLink('<https://a/x?p=2>; rel="next", <https://a/x?p=9>; rel="last"')).toBe('https://a/x?p=2');
    expect(nextLink('<https://a/x?p=9>; rel="last"')).toBeNull();
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('2015-10-21T07:28:00Z'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

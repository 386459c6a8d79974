/**
 * REST JSON source: one stream per declared endpoint, pages fetched one at a time (offset, page number,
 * body cursor or RFC 8288 `Link: rel="next"`), API key or bearer auth from the secret store, and 429/503
 * answered by waiting `Retry-After` (seconds or HTTP date) a bounded number of times. A response body is
 * capped in size, so a misbehaving API cannot exhaust memory.
 */
import {
  type Batch,
  CONNECTOR_LIMITS,
  type DiscoveredSchema,
  type ReadRequest,
  type RestDefinition,
  type RestEndpoint,
  readRequestSchema,
  SourceErrorCodes,
  type TestResult,
} from '../../contracts/connector';
import { batchUnsorted } from '../batching';
import type { ConnectorDeps, DiscoverOptions, SourceConnector } from '../ports';
import { cursorCandidatesFrom, inferColumns, keyCandidatesFrom, startValue, toRecord } from '../records';
import { failedTest, networkCode, resolveSecret, SourceError, toSourceError } from '../source-error';

interface Session {
  headers: Record<string, string>;
  secrets: string[];
}

const MAX_PAGES = 1_000_000;

/** Undici reports network failures as `TypeError: fetch failed` with the real error as its cause. */
function classify(e: Error & { code?: unknown; cause?: unknown }) {
  const cause = e.cause as (Error & { code?: unknown }) | undefined;
  return (cause && networkCode(cause)) ?? networkCode(e) ?? SourceErrorCodes.unreachable;
}

/** A dotted path into a JSON value; '' is the value itself. */
function at(body: unknown, path: string): unknown {
  if (path === '') return body;
  let v: unknown = body;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** The `rel="next"` target of a Link header. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (m && /\brel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2] ?? '')) return m[1] ?? null;
  }
  return null;
}

/** `Retry-After` in milliseconds: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new SourceError(SourceErrorCodes.timeout, 'The read was cancelled'));
    });
  });

async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > max)
    throw new SourceError(SourceErrorCodes.tooLarge, `A response may have at most ${max} bytes`);
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new SourceError(SourceErrorCodes.tooLarge, `A response may have at most ${max} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class RestSource implements SourceConnector<RestDefinition> {
  constructor(
    private readonly deps: ConnectorDeps,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async session(def: RestDefinition): Promise<Session> {
    const auth = def.auth;
    if (auth.kind === 'none') return { headers: {}, secrets: [] };
    const secret = await resolveSecret(this.deps.secrets, auth.secretRef);
    const headers =
      auth.kind === 'api-key' ? { [auth.headerName]: secret } : { authorization: `Bearer ${secret}` };
    return { headers, secrets: [secret] };
  }

  /** One GET with retries on 429/503; errors mapped to SOURCE.* codes. */
  private async get(
    def: RestDefinition,
    s: Session,
    url: URL,
    signal?: AbortSignal,
  ): Promise<{ body: unknown; link: string | null }> {
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(def.timeoutMs);
      let res: Response;
      try {
        res = await this.fetchImpl(url, {
          headers: { accept: 'application/json', ...s.headers },
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
          redirect: 'error',
        });
      } catch (err) {
        throw toSourceError(err, s.secrets, classify);
      }
      const where = `GET ${url.pathname}`;
      if (res.status === 429 || res.status === 503) {
        await res.body?.cancel();
        const wait = retryAfterMs(res.headers.get('retry-after')) ?? 500 * 2 ** attempt;
        if (attempt >= def.maxRetries || wait > def.maxRetryAfterMs) {
          throw new SourceError(
            SourceErrorCodes.rateLimited,
            `${where}: still ${res.status} after ${attempt} retries`,
            {
              status: res.status,
              retryAfterMs: wait,
            },
          );
        }
        this.deps.log.info('rest source rate limited, waiting', {
          path: url.pathname,
          waitMs: wait,
          attempt,
        });
        await sleep(wait, signal);
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        const code =
          res.status === 401
            ? SourceErrorCodes.authFailed
            : res.status === 403
              ? SourceErrorCodes.permission
              : res.status === 404 || res.status === 410
                ? SourceErrorCodes.notFound
                : res.status === 408 || res.status === 504
                  ? SourceErrorCodes.timeout
                  : res.status >= 500
                    ? SourceErrorCodes.unreachable
                    : SourceErrorCodes.protocol;
        throw new SourceError(code, `${where} answered ${res.status}`, { status: res.status });
      }
      let body: unknown;
      try {
        body = JSON.parse(await readCapped(res, CONNECTOR_LIMITS.responseBytes));
      } catch (err) {
        if (err instanceof SourceError) throw err;
        throw toSourceError(err, s.secrets, (e) =>
          e.name === 'SyntaxError' ? SourceErrorCodes.protocol : classify(e),
        );
      }
      return { body, link: res.headers.get('link') };
    }
  }

  private recordsOf(endpoint: RestEndpoint, body: unknown): Record<string, unknown>[] {
    const records = at(body, endpoint.recordsPath);
    if (!Array.isArray(records)) {
      throw new SourceError(
        SourceErrorCodes.protocol,
        `${endpoint.name}: no array of records at "${endpoint.recordsPath || '(body)'}"`,
      );
    }
    return records.map((r) => (r !== null && typeof r === 'object' && !Array.isArray(r) ? r : { value: r }));
  }

  /** The endpoint's pages, one request at a time. */
  private async *pages(
    def: RestDefinition,
    s: Session,
    endpoint: RestEndpoint,
    since: string | number | undefined,
    signal?: AbortSignal,
  ): AsyncGenerator<Record<string, unknown>[]> {
    const base = new URL(def.baseUrl);
    let url = new URL(base.pathname.replace(/\/$/, '') + endpoint.path, base);
    if (since !== undefined && endpoint.sinceParam) url.searchParams.set(endpoint.sinceParam, String(since));
    const paging = endpoint.paging;
    let offset = 0;
    let page = paging.kind === 'page' ? paging.firstPage : 0;
    let cursor: string | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const u = new URL(url);
      if (paging.kind === 'offset') {
        u.searchParams.set(paging.offsetParam, String(offset));
        u.searchParams.set(paging.limitParam, String(paging.pageSize));
      } else if (paging.kind === 'page') {
        u.searchParams.set(paging.pageParam, String(page));
        u.searchParams.set(paging.sizeParam, String(paging.pageSize));
      } else if (paging.kind === 'cursor') {
        if (cursor !== undefined) u.searchParams.set(paging.cursorParam, cursor);
        if (paging.limitParam) u.searchParams.set(paging.limitParam, String(paging.pageSize));
      }
      const { body, link } = await this.get(def, s, u, signal);
      const records = this.recordsOf(endpoint, body);
      yield records;
      if (paging.kind === 'none') return;
      if (paging.kind === 'offset' || paging.kind === 'page') {
        if (records.length < paging.pageSize) return;
        offset += records.length;
        page++;
      } else if (paging.kind === 'cursor') {
        const next = at(body, paging.nextCursorPath);
        if (next === undefined || next === null || next === '') return;
        if (String(next) === cursor) {
          throw new SourceError(
            SourceErrorCodes.protocol,
            `${endpoint.name}: the next cursor repeats itself`,
          );
        }
        cursor = String(next);
      } else {
        const next = nextLink(link);
        if (!next) return;
        const target = new URL(next, u);
        // The auth header goes only to the source's own origin.
        if (target.origin !== base.origin) {
          throw new SourceError(
            SourceErrorCodes.protocol,
            `${endpoint.name}: a next link leaves ${base.origin}`,
          );
        }
        url = target;
        // The link carries its own paging parameters.
        endpoint = { ...endpoint, paging: { kind: 'link-header' } };
      }
    }
    throw new SourceError(SourceErrorCodes.protocol, `${endpoint.name}: more than ${MAX_PAGES} pages`);
  }

  private endpoint(def: RestDefinition, name: string): RestEndpoint {
    const e = def.endpoints.find((x) => x.name === name);
    if (!e) throw new SourceError(SourceErrorCodes.streamUnknown, `No endpoint ${name}`);
    return e;
  }

  private async firstPage(def: RestDefinition, s: Session, endpoint: RestEndpoint, signal?: AbortSignal) {
    for await (const page of this.pages(def, s, endpoint, undefined, signal)) return page;
    return [];
  }

  async test(def: RestDefinition): Promise<TestResult> {
    const started = Date.now();
    let secrets: string[] = [];
    try {
      const s = await this.session(def);
      secrets = s.secrets;
      await this.firstPage(def, s, def.endpoints[0] as RestEndpoint);
      return { ok: true, latencyMs: Date.now() - started, serverInfo: new URL(def.baseUrl).host };
    } catch (err) {
      const e = toSourceError(err, secrets, classify);
      this.deps.log.info('rest test failed', { code: e.code, host: new URL(def.baseUrl).host });
      return failedTest(e, started);
    }
  }

  async discover(def: RestDefinition, options: DiscoverOptions = {}): Promise<DiscoveredSchema> {
    const s = await this.session(def);
    const sampleRows = Math.min(options.sampleRows ?? 5, CONNECTOR_LIMITS.sampleRows);
    const streams = [];
    try {
      for (const endpoint of def.endpoints) {
        if (options.streams && !options.streams.includes(endpoint.name)) continue;
        const rows = (await this.firstPage(def, s, endpoint)).slice(0, 200);
        const columns = inferColumns(rows, 'json');
        const keyCandidates = endpoint.primaryKey ? [endpoint.primaryKey] : keyCandidatesFrom(rows, columns);
        streams.push({
          name: endpoint.name,
          columns,
          keyCandidates,
          cursorCandidates: cursorCandidatesFrom(columns, keyCandidates),
          rowEstimate: endpoint.paging.kind === 'none' ? rows.length : null,
          sampleRows: rows.slice(0, sampleRows).map(toRecord),
        });
      }
    } catch (err) {
      throw toSourceError(err, s.secrets, classify);
    }
    return { streams, discoveredAt: new Date().toISOString() };
  }

  async *read(def: RestDefinition, request: ReadRequest, signal?: AbortSignal): AsyncGenerator<Batch> {
    const req = readRequestSchema.parse(request);
    const endpoint = this.endpoint(def, req.stream);
    const s = await this.session(def);
    const since = req.cursorValue === undefined ? undefined : startValue(req.cursorValue, req.lookBack);
    try {
      yield* batchUnsorted(this.pages(def, s, endpoint, since, signal), req);
    } catch (err) {
      throw toSourceError(err, s.secrets, classify);
    }
  }
}

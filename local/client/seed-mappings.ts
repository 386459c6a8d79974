/**
 * Seeds the mappings of a client deployment's discovered sources through the mapping API, as an admin would
 * in the UI: for each ready source's stream, the catalog object it provides (by name, among the source's
 * `providesObjects`), a draft with the confident suggestions, then publish. Idempotent: a mapping that
 * exists already is left alone, and one that does not validate stays a draft (reported, never forced).
 * `local/client/seed-client.ts` calls it after the connector seeded and discovered contoso's demo sources.
 */
import { SUGGESTION_CONFIDENT } from '@kpi/shared/contracts/mapping';

export interface SeedMappingsOptions {
  /** The deployment's API base, `http://127.0.0.1:<port>/api`. */
  api: string;
  /** A bearer token of an admin or owner of the deployment's tenant. */
  token: () => Promise<string>;
  log?: (line: string) => void;
}

export interface SeedMappingsResult {
  published: { mappingId: string; sourceId: string; stream: string; object: string; version: number }[];
  /** Drafts left for a person: their validation errors' codes. */
  drafts: { mappingId: string; stream: string; object: string; codes: string[] }[];
  /** Streams no entitled object matches. */
  unmatched: { sourceId: string; stream: string }[];
}

interface Source {
  id: string;
  status: string;
  providesObjects: string[];
  streams: string[];
}

type Json = Record<string, unknown>;

/** A stream or object name reduced to what matching compares: `erp.sales_orders.csv` → `salesorder`. */
export function streamKey(name: string): string {
  const last = name.split(/[./\\]/).filter(Boolean);
  const base = (/\.(csv|xlsx|json|ndjson|parquet)$/i.test(name) ? last.at(-2) : last.at(-1)) ?? name;
  const k = base.toLowerCase().replace(/[^a-z0-9]/g, '');
  return k.endsWith('ies') ? `${k.slice(0, -3)}y` : k.endsWith('s') && !k.endsWith('ss') ? k.slice(0, -1) : k;
}

/** The object a stream provides: the one of `candidates` whose name matches the stream's. */
export function objectForStream(stream: string, candidates: readonly string[]): string | undefined {
  const key = streamKey(stream);
  return candidates.find((o) => streamKey(o) === key);
}

export async function seedMappings(o: SeedMappingsOptions): Promise<SeedMappingsResult> {
  const log = o.log ?? (() => {});
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${o.api}/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await o.token()}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : {}) as Json,
      etag: res.headers.get('etag'),
    };
  };
  const must = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const r = await call(method, path, body, headers);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  const objects = ((await must('GET', 'mapping/objects')).items as { name: string }[]).map((x) => x.name);
  const sources: Source[] = [];
  let token: string | undefined;
  do {
    const page = await must(
      'GET',
      `connector/sources?limit=100${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`,
    );
    sources.push(...(page.items as Source[]));
    token = page.continuationToken as string | undefined;
  } while (token);

  const result: SeedMappingsResult = { published: [], drafts: [], unmatched: [] };
  for (const source of sources.filter((s) => s.status === 'ready')) {
    const candidates = source.providesObjects.length
      ? objects.filter((x) => source.providesObjects.includes(x))
      : objects;
    for (const stream of source.streams) {
      const object = objectForStream(stream, candidates);
      if (!object) {
        result.unmatched.push({ sourceId: source.id, stream });
        continue;
      }
      const mapped = await mapStream(source.id, stream, object);
      if (mapped) log(`mapping ${source.id}/${stream} → ${object}: ${mapped}`);
    }
  }
  return result;

  /** Creates (or continues) the stream's mapping, fills it from confident suggestions, publishes. */
  async function mapStream(sourceId: string, stream: string, object: string): Promise<string | undefined> {
    const created = await call('POST', 'mapping/mappings', { sourceId, stream, object });
    // A mapping that exists already is someone's work (or an earlier seed): never overwritten.
    if ((created.body.error as Json | undefined)?.code === 'MAPPING.EXISTS') return undefined;
    if (created.status !== 201) {
      throw new Error(`create ${sourceId}/${stream}: ${created.status} ${JSON.stringify(created.body)}`);
    }
    const id = created.body.id as string;

    const suggestions = await must('GET', `mapping/mappings/${id}/suggestions`);
    const fields: Record<string, unknown> = {};
    for (const f of suggestions.fields as {
      field: string;
      candidates: { score: number; source: unknown }[];
    }[]) {
      const best = f.candidates[0];
      if (best && best.score >= SUGGESTION_CONFIDENT) fields[f.field] = best.source;
    }
    const current = await call('GET', `mapping/mappings/${id}`);
    await must(
      'PUT',
      `mapping/mappings/${id}/draft`,
      { fields },
      current.etag ? { 'if-match': current.etag } : {},
    );
    const published = await call('POST', `mapping/mappings/${id}/publish`);
    if (published.status === 200) {
      const version = (published.body.published as { version: number }).version;
      result.published.push({ mappingId: id, sourceId, stream, object, version });
      return `published v${version} (${Object.keys(fields).length} fields)`;
    }
    const issues = (
      (published.body.error as Json | undefined)?.details as { issues?: { code: string; severity: string }[] }
    )?.issues;
    const codes = [...new Set((issues ?? []).filter((i) => i.severity === 'error').map((i) => i.code))];
    result.drafts.push({
      mappingId: id,
      stream,
      object,
      codes: codes.length ? codes : [String(published.status)],
    });
    return `left as a draft (${codes.join(', ')})`;
  }
}

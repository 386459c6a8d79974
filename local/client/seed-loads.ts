/**
 * Starts a load of every published mapping of a client deployment through the ingestion API, as an admin
 * pressing "Run now" would: the ingestion app then writes the lake and publishes `ingestion.completed`, on
 * which the calculation app computes the KPIs. Each run follows the stream's first cursor candidate, so the
 * first run is a full load and later ones (next `npm start`, the schedule) are incremental.
 */

export interface SeedLoadsOptions {
  /** The deployment's API base, `http://127.0.0.1:<port>/api`. */
  api: string;
  /** A bearer token of an admin or owner of the deployment's tenant. */
  token: () => Promise<string>;
  log?: (line: string) => void;
}

interface MappingSummary {
  id: string;
  sourceId: string;
  stream: string;
  object: string;
  publishedVersion?: number;
}

interface DiscoveredSource {
  discovered?: { streams: { name: string; cursorCandidates: string[] }[] };
}

/** Queues one run per published mapping; answers the run ids by mapping id. */
export async function seedLoads(o: SeedLoadsOptions): Promise<Record<string, string>> {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${o.api}/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await o.token()}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
  const mappings = (await call<{ items: MappingSummary[] }>('GET', 'mapping/mappings')).items.filter(
    (m) => m.publishedVersion !== undefined,
  );
  const sources = new Map<string, DiscoveredSource>();
  const runs: Record<string, string> = {};
  for (const m of mappings) {
    if (!sources.has(m.sourceId)) {
      sources.set(m.sourceId, await call<DiscoveredSource>('GET', `connector/sources/${m.sourceId}`));
    }
    const stream = sources.get(m.sourceId)?.discovered?.streams.find((s) => s.name === m.stream);
    const cursorField = stream?.cursorCandidates[0];
    const run = await call<{ id: string }>('POST', 'ingestion/runs', {
      mappingId: m.id,
      ...(cursorField ? { cursorField } : {}),
    });
    runs[m.id] = run.id;
    o.log?.(
      `load of ${m.object} from ${m.stream} queued: ${run.id}${cursorField ? ` (cursor ${cursorField})` : ''}`,
    );
  }
  return runs;
}

/**
 * The published mappings ingestion runs, as the mapping app stores them (Cosmos container `mappings`,
 * partition key /tenantId, one document per version, `Mapping` schema). The one file to adjust if the mapping
 * app's storage changes: the rest of ingestion sees only this port.
 */
import type { Container } from '@azure/cosmos';
import { type Mapping, mappingSchema } from '@kpi/shared/contracts/mapping';

export interface PublishedMappings {
  /** The published version of a mapping (the highest, when several were published), or undefined. */
  get(mappingId: string): Promise<Mapping | undefined>;
  /** The published mapping of a source's records onto an object (pushes name the object, not the mapping). */
  forSourceObject(sourceId: string, object: string): Promise<Mapping | undefined>;
  /** Every published mapping of a source (the scheduler runs them). */
  forSource(sourceId: string): Promise<Mapping[]>;
}

/** Keeps the highest published version of each mapping id. */
function latest(items: readonly unknown[]): Mapping[] {
  const byId = new Map<string, Mapping>();
  for (const raw of items) {
    const parsed = mappingSchema.safeParse(stripSystem(raw));
    if (!parsed.success || parsed.data.status !== 'published') continue;
    const m = parsed.data;
    const seen = byId.get(m.id);
    if (!seen || seen.version < m.version) byId.set(m.id, m);
  }
  return [...byId.values()];
}

/** Cosmos system and partition fields are not part of the (strict) mapping schema. */
function stripSystem(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith('_') || k === 'tenantId' || k === 'docId') continue;
    out[k] = v;
  }
  // A store that keeps one document per version may use `<id>:v<n>` ids with the mapping id aside.
  if (typeof (raw as { mappingId?: unknown }).mappingId === 'string') {
    out.id = (raw as { mappingId: string }).mappingId;
    delete out.mappingId;
  }
  return out;
}

export class CosmosPublishedMappings implements PublishedMappings {
  constructor(
    private readonly container: Container,
    private readonly tenantId: string,
  ) {}

  private async query(where: string, parameters: { name: string; value: string }[]): Promise<Mapping[]> {
    const { resources } = await this.container.items
      .query({
        query: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.status = 'published' AND ${where}`,
        parameters: [{ name: '@tenantId', value: this.tenantId }, ...parameters],
      })
      .fetchAll();
    return latest(resources);
  }

  async get(mappingId: string): Promise<Mapping | undefined> {
    const found = await this.query('(c.id = @id OR c.mappingId = @id)', [{ name: '@id', value: mappingId }]);
    return found.find((m) => m.id === mappingId);
  }

  async forSourceObject(sourceId: string, object: string): Promise<Mapping | undefined> {
    const found = await this.query('c.sourceId = @sourceId AND c.object = @object', [
      { name: '@sourceId', value: sourceId },
      { name: '@object', value: object },
    ]);
    return found.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))[0];
  }

  async forSource(sourceId: string): Promise<Mapping[]> {
    return this.query('c.sourceId = @sourceId', [{ name: '@sourceId', value: sourceId }]);
  }
}

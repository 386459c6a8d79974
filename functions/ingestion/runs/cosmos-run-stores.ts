/**
 * Cosmos adapters of the run ports: `ingestion-runs` (/mappingId), `ingestion-cursors` (/id), `quarantine`
 * (/mappingId) owned by ingestion, and the connector's `sources` (/tenantId), read only.
 */
import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import {
  type IngestionRun,
  ingestionRunSchema,
  type QuarantinedRow,
  quarantinedRowSchema,
} from '@kpi/shared/contracts/ingestion';
import { type StoredSource, storedSourceSchema } from '@kpi/shared/contracts/source';
import { cosmosStatus } from '@kpi/shared/platform/cosmos/partitioned-store';
import type { CursorStore, MappingCursor, QuarantineStore, RunStore, SourceReader } from './stores';

const strip = <T extends object>(doc: T): T => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_')) out[k] = v;
  return out as T;
};

async function page<T>(
  container: Container,
  query: string,
  parameters: { name: string; value: string }[],
  opts: { maxItemCount: number; continuationToken?: string },
  parse: (raw: unknown) => T,
): Promise<{ items: T[]; continuationToken?: string }> {
  const res = await container.items
    .query(
      { query, parameters },
      {
        maxItemCount: opts.maxItemCount,
        ...(opts.continuationToken ? { continuationToken: opts.continuationToken } : {}),
      },
    )
    .fetchNext();
  return {
    items: res.resources.map(parse),
    ...(res.continuationToken ? { continuationToken: res.continuationToken } : {}),
  };
}

export class CosmosRunStore implements RunStore {
  constructor(private readonly container: Container) {}

  async get(id: string): Promise<IngestionRun | undefined> {
    const { resources } = await this.container.items
      .query({ query: 'SELECT * FROM c WHERE c.id = @id', parameters: [{ name: '@id', value: id }] })
      .fetchAll();
    return resources[0] ? ingestionRunSchema.parse(strip(resources[0])) : undefined;
  }

  async save(run: IngestionRun): Promise<void> {
    await this.container.items.upsert(run);
  }

  list(filter: { mappingId?: string }, opts: { maxItemCount: number; continuationToken?: string }) {
    const where = filter.mappingId ? 'WHERE c.mappingId = @m ' : '';
    return page(
      this.container,
      `SELECT * FROM c ${where}ORDER BY c.requestedAt DESC`,
      filter.mappingId ? [{ name: '@m', value: filter.mappingId }] : [],
      opts,
      (raw) => ingestionRunSchema.parse(strip(raw as object)),
    );
  }

  async lastSucceeded(mappingId: string): Promise<IngestionRun | undefined> {
    const { resources } = await this.container.items
      .query({
        query:
          "SELECT TOP 1 * FROM c WHERE c.mappingId = @m AND c.status = 'succeeded' ORDER BY c.requestedAt DESC",
        parameters: [{ name: '@m', value: mappingId }],
      })
      .fetchAll();
    return resources[0] ? ingestionRunSchema.parse(strip(resources[0])) : undefined;
  }
}

export class CosmosCursorStore implements CursorStore {
  constructor(private readonly container: Container) {}

  async get(mappingId: string): Promise<MappingCursor | undefined> {
    const res = await this.container.item(mappingId, mappingId).read<MappingCursor>();
    return res.statusCode === 404 || !res.resource ? undefined : strip(res.resource);
  }

  async save(cursor: MappingCursor): Promise<void> {
    await this.container.items.upsert(cursor);
  }
}

export class CosmosQuarantineStore implements QuarantineStore {
  constructor(private readonly container: Container) {}

  async add(rows: readonly QuarantinedRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100) {
      const ops: OperationInput[] = rows.slice(i, i + 100).map((r) => ({
        operationType: 'Upsert',
        partitionKey: r.mappingId,
        resourceBody: r as unknown as JSONObject,
      }));
      const results = await this.container.items.bulk(ops);
      const failed = results.find((r) => r.statusCode >= 400);
      if (failed) throw new Error(`quarantine rows not stored (${failed.statusCode})`);
    }
  }

  list(
    mappingId: string,
    filter: { runId?: string; status?: 'open' | 'replayed' },
    opts: { maxItemCount: number; continuationToken?: string },
  ) {
    const params = [{ name: '@m', value: mappingId }];
    let where = 'c.mappingId = @m';
    if (filter.runId) {
      where += ' AND c.runId = @r';
      params.push({ name: '@r', value: filter.runId });
    }
    if (filter.status) {
      where += ' AND c.status = @s';
      params.push({ name: '@s', value: filter.status });
    }
    return page(this.container, `SELECT * FROM c WHERE ${where} ORDER BY c.at ASC`, params, opts, (raw) =>
      quarantinedRowSchema.parse(strip(raw as object)),
    );
  }

  async open(mappingId: string, limit: number): Promise<QuarantinedRow[]> {
    const { resources } = await this.container.items
      .query({
        query: `SELECT TOP ${Math.trunc(limit)} * FROM c WHERE c.mappingId = @m AND c.status = 'open' ORDER BY c.at ASC`,
        parameters: [{ name: '@m', value: mappingId }],
      })
      .fetchAll();
    return resources.map((r) => quarantinedRowSchema.parse(strip(r)));
  }

  update(rows: readonly QuarantinedRow[]): Promise<void> {
    return this.add(rows);
  }
}

export class CosmosSourceReader implements SourceReader {
  constructor(
    private readonly container: Container,
    private readonly tenantId: string,
  ) {}

  async get(sourceId: string): Promise<StoredSource | undefined> {
    try {
      const res = await this.container.item(sourceId, this.tenantId).read();
      return res.statusCode === 404 || !res.resource ? undefined : storedSourceSchema.parse(res.resource);
    } catch (err) {
      if (cosmosStatus(err) === 404) return undefined;
      throw err;
    }
  }

  async scheduled(): Promise<StoredSource[]> {
    const { resources } = await this.container.items
      .query({
        query: 'SELECT * FROM c WHERE c.tenantId = @t AND IS_DEFINED(c.schedule)',
        parameters: [{ name: '@t', value: this.tenantId }],
      })
      .fetchAll();
    return resources.flatMap((r) => {
      const parsed = storedSourceSchema.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    });
  }
}

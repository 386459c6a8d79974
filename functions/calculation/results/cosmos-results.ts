/**
 * Results in the deployment's Cosmos container `kpi-results` (partition key `/kpiId`, id
 * `<kpiId>:<grain>:<periodKey>`), and the write sequence (the change feed's token) in `calculation-state`.
 */
import type { Container, JSONValue, OperationInput } from '@azure/cosmos';
import { type KpiResult, kpiResultSchema, type ResultGrain } from '@kpi/shared/contracts/calculation';
import type { ResultWriter } from '../recompute/calculation';
import type { ResultReader } from './read-results';

const SEQ_ID = 'result-seq';
const BULK = 100;

export class CosmosResults implements ResultWriter, ResultReader {
  constructor(
    private readonly results: Container,
    private readonly state: Container,
  ) {}

  async nextSeq(): Promise<number> {
    const item = this.state.item(SEQ_ID, SEQ_ID);
    try {
      const res = await item.patch<{ value: number }>([{ op: 'incr', path: '/value', value: 1 }]);
      return res.resource!.value;
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
      try {
        await this.state.items.create({ id: SEQ_ID, value: 1 });
        return 1;
      } catch (again) {
        if ((again as { code?: number }).code !== 409) throw again;
        return this.nextSeq();
      }
    }
  }

  async latestSeq(): Promise<number> {
    const res = await this.state.item(SEQ_ID, SEQ_ID).read<{ value: number }>();
    return res.resource?.value ?? 0;
  }

  async write(results: readonly KpiResult[]): Promise<void> {
    for (let i = 0; i < results.length; i += BULK) {
      const ops: OperationInput[] = results.slice(i, i + BULK).map((r) => ({
        operationType: 'Upsert',
        partitionKey: r.kpiId,
        resourceBody: r as unknown as JSONValue as never,
      }));
      const res = await this.results.items.bulk(ops);
      const failed = res.find((r) => r.statusCode >= 400);
      if (failed) throw new Error(`CALC.RESULT_WRITE_FAILED: status ${failed.statusCode}`);
    }
  }

  async list(q: {
    grain: ResultGrain;
    from?: string;
    to?: string;
    kpis: readonly string[];
  }): Promise<KpiResult[]> {
    if (!q.kpis.length) return [];
    const parameters = [
      { name: '@grain', value: q.grain },
      ...q.kpis.map((k, i) => ({ name: `@k${i}`, value: k })),
      ...(q.from ? [{ name: '@from', value: q.from }] : []),
      ...(q.to ? [{ name: '@to', value: q.to }] : []),
    ];
    const where = [
      'c.grain = @grain',
      `c.kpiId IN (${q.kpis.map((_, i) => `@k${i}`).join(', ')})`,
      ...(q.from ? ['c.periodStart >= @from'] : []),
      ...(q.to ? ['c.periodStart <= @to'] : []),
    ];
    const { resources } = await this.results.items
      .query({ query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.periodStart`, parameters })
      .fetchAll();
    return resources.map(clean);
  }

  async changes(
    since: number,
    limit: number,
    kpis: readonly string[],
  ): Promise<{ items: KpiResult[]; more: boolean; last: number }> {
    const { resources } = await this.results.items
      .query({
        query: 'SELECT TOP @n * FROM c WHERE c.seq > @since ORDER BY c.seq',
        parameters: [
          { name: '@n', value: limit + 1 },
          { name: '@since', value: since },
        ],
      })
      .fetchAll();
    let items = resources.map(clean);
    const more = items.length > limit;
    if (more) {
      // A page ends on a whole write: the last sequence number's results all, so the token skips none.
      const last = items[limit - 1]!.seq;
      const rest = await this.results.items
        .query({ query: 'SELECT * FROM c WHERE c.seq = @s', parameters: [{ name: '@s', value: last }] })
        .fetchAll();
      items = [...items.filter((r) => r.seq < last), ...rest.resources.map(clean)];
    }
    const wanted = new Set(kpis);
    const last = items.reduce((m, r) => Math.max(m, r.seq), since);
    return { items: items.filter((r) => wanted.has(r.kpiId)), more, last };
  }
}

/** The stored document without Cosmos's system properties. */
function clean(doc: unknown): KpiResult {
  return kpiResultSchema.parse(doc);
}

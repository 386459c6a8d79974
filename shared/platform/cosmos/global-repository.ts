/** A repository for containers that are not tenant data (platform events, health, effects, catalog globals). */
import type { Container, SqlParameter } from '@azure/cosmos';
import type { ZodType } from 'zod';
import {
  buildSql,
  MAX_PROJECTION_PAGE_SIZE,
  type Page,
  type PageOptions,
  PartitionedStore,
  type QueryFilter,
  type Versioned,
} from './partitioned-store';

export interface GlobalRepositoryOptions<T> {
  container: Container;
  schema: ZodType<T>;
  entity: string;
  /** The container's partition key path, one top-level field (`/id`, `/source`, `/app`). Default `/id`. */
  partitionKeyPath?: string;
}

/** Plain CRUD with explicit partition keys. */
export class GlobalRepository<T extends { id: string }> {
  private readonly store: PartitionedStore<T>;
  private readonly pkField: string;

  constructor(options: GlobalRepositoryOptions<T>) {
    this.store = new PartitionedStore(options.container, options.schema, options.entity);
    const path = options.partitionKeyPath ?? '/id';
    if (!/^\/[A-Za-z_][A-Za-z0-9_]*$/.test(path)) throw new Error(`Unsupported partition key path ${path}`);
    this.pkField = path.slice(1);
  }

  private pkOf(item: T): string {
    return String((item as Record<string, unknown>)[this.pkField]);
  }

  async get(id: string, partitionKey: string = id): Promise<T | undefined> {
    return (await this.store.get(id, partitionKey))?.item;
  }

  getVersioned(id: string, partitionKey: string = id): Promise<Versioned<T> | undefined> {
    return this.store.get(id, partitionKey);
  }

  /**
   * A page, within one partition when `partitionKey` is given (also as a SQL predicate: the stand-in ignores
   * the option), else across partitions. `@pk` is reserved.
   */
  async query(filter: QueryFilter, page?: PageOptions & { partitionKey?: string }): Promise<Page<T>> {
    const pk = page?.partitionKey;
    const parameters: SqlParameter[] = [...(filter.parameters ?? [])];
    if (pk !== undefined) parameters.push({ name: '@pk', value: pk });
    const q = { query: buildSql(pk !== undefined ? [`c.${this.pkField} = @pk`] : [], filter), parameters };
    const { docs, continuationToken } = await this.store.page(q, pk, page);
    const items = docs.map((d) => this.store.parse(d));
    return continuationToken ? { items, continuationToken } : { items };
  }

  /**
   * A page of some top-level fields of the items matching `filter`, across partitions, up to 1,000 a
   * page. The rows are not checked against the schema (they are parts of items): for counts and
   * summaries that would otherwise read and parse every whole item.
   */
  async queryFields<K extends keyof T & string>(
    fields: readonly K[],
    filter: QueryFilter,
    page?: PageOptions,
  ): Promise<Page<Pick<T, K>>> {
    for (const f of fields)
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(f)) throw new Error(`Not a field name: ${JSON.stringify(f)}`);
    const select = fields.map((f) => `c.${f}`).join(', ');
    const q = { query: buildSql([], filter, select), parameters: [...(filter.parameters ?? [])] };
    const { docs, continuationToken } = await this.store.page(q, undefined, page, MAX_PROJECTION_PAGE_SIZE);
    const items = docs as unknown as Pick<T, K>[];
    return continuationToken ? { items, continuationToken } : { items };
  }

  list(page?: PageOptions & { partitionKey?: string }): Promise<Page<T>> {
    return this.query({ orderBy: 'c.id' }, page);
  }

  async create(item: T): Promise<Versioned<T>> {
    return this.store.create(this.store.validateForWrite(item));
  }

  async replace(item: T, options?: { ifMatch?: string }): Promise<Versioned<T>> {
    const doc = this.store.validateForWrite(item);
    return this.store.replace(doc, this.pkOf(doc), options?.ifMatch);
  }

  async upsert(item: T): Promise<Versioned<T>> {
    return this.store.upsert(this.store.validateForWrite(item));
  }

  delete(id: string, partitionKey: string = id, options?: { ifMatch?: string }): Promise<boolean> {
    return this.store.delete(id, partitionKey, options?.ifMatch);
  }
}

/** A repository for containers that are not tenant data (platform events, health, effects, catalog globals). */
import type { Container } from '@azure/cosmos';
import type { ZodType } from 'zod';
import {
  buildSql,
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
  /** The item's partition key value (must match the container's partition key path). Default: its id. */
  partitionKeyOf?: (item: T) => string;
}

/** Plain CRUD with explicit partition keys. */
export class GlobalRepository<T extends { id: string }> {
  private readonly store: PartitionedStore<T>;
  private readonly pkOf: (item: T) => string;

  constructor(options: GlobalRepositoryOptions<T>) {
    this.store = new PartitionedStore(options.container, options.schema, options.entity);
    this.pkOf = options.partitionKeyOf ?? ((item) => item.id);
  }

  async get(id: string, partitionKey: string = id): Promise<T | undefined> {
    return (await this.store.get(id, partitionKey))?.item;
  }

  getVersioned(id: string, partitionKey: string = id): Promise<Versioned<T> | undefined> {
    return this.store.get(id, partitionKey);
  }

  /** A page, within one partition when `partitionKey` is given, else across partitions. */
  async query(filter: QueryFilter, page?: PageOptions & { partitionKey?: string }): Promise<Page<T>> {
    const q = { query: buildSql([], filter), parameters: filter.parameters ?? [] };
    const { docs, continuationToken } = await this.store.page(q, page?.partitionKey, page);
    const items = docs.map((d) => this.store.parse(d));
    return continuationToken ? { items, continuationToken } : { items };
  }

  list(page?: PageOptions & { partitionKey?: string }): Promise<Page<T>> {
    return this.query({ orderBy: 'c.id' }, page);
  }

  create(item: T): Promise<Versioned<T>> {
    return this.store.create(this.store.validateForWrite(item));
  }

  replace(item: T, options?: { ifMatch?: string }): Promise<Versioned<T>> {
    const doc = this.store.validateForWrite(item);
    return this.store.replace(doc, this.pkOf(doc), options?.ifMatch);
  }

  upsert(item: T): Promise<Versioned<T>> {
    return this.store.upsert(this.store.validateForWrite(item));
  }

  delete(id: string, partitionKey: string = id, options?: { ifMatch?: string }): Promise<boolean> {
    return this.store.delete(id, partitionKey, options?.ifMatch);
  }
}

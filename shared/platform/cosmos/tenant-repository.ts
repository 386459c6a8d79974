/**
 * Tenant isolation lives here, not in handlers: every method takes the verified caller (or a `TenantScope`
 * from `scopeFor`/`systemScope`), uses that tenant as partition key, stamps it on every write and checks it
 * on every read. A tenant id in the item passed in is overwritten, never trusted.
 */
import type { Container, SqlParameter } from '@azure/cosmos';
import type { ZodType } from 'zod';
import type { Principal } from '../auth/caller';
import {
  buildSql,
  type Page,
  type PageOptions,
  PartitionedStore,
  type QueryFilter,
  type Versioned,
} from './partitioned-store';
import { resolveScope, type TenantScope } from './tenant-scope';

export type { Page, PageOptions, QueryFilter, Versioned } from './partitioned-store';

/** Who a tenant repository call acts for. */
export type Scope = Principal | TenantScope;

/** A tenant item as callers pass it in: the repository sets `tenantId`. */
export type TenantInput<T> = Omit<T, 'tenantId'> & { tenantId?: string };

export interface TenantRepositoryOptions<T> {
  container: Container;
  /** Schema of a stored item (must include `id` and `tenantId`). */
  schema: ZodType<T>;
  /** Upper-case entity name for error codes, e.g. `CUSTOM_KPI` → `CUSTOM_KPI.CONFLICT`. */
  entity: string;
}

/**
 * A container partitioned by `/tenantId`, accessed only within one tenant per call. Queries carry the tenant
 * both as partition key option and as a SQL predicate: the local stand-in ignores the partition key option of
 * queries, and real Cosmos DB is then just as safe.
 */
export class TenantRepository<T extends { id: string; tenantId: string }> {
  private readonly store: PartitionedStore<T>;

  constructor(options: TenantRepositoryOptions<T>) {
    this.store = new PartitionedStore(options.container, options.schema, options.entity);
  }

  /** The item, or undefined when it does not exist in the scope's tenant. */
  async get(scope: Scope, id: string): Promise<T | undefined> {
    return (await this.getVersioned(scope, id))?.item;
  }

  /** The item with its etag (for `replace(..., { ifMatch })`). */
  async getVersioned(scope: Scope, id: string): Promise<Versioned<T> | undefined> {
    const tenantId = resolveScope(scope);
    const found = await this.store.get(id, tenantId);
    return found && this.own(found.item, tenantId) ? found : undefined;
  }

  /** A page of the tenant's items, ordered by id. */
  async list(scope: Scope, page?: PageOptions): Promise<Page<T>> {
    return this.query(scope, { orderBy: 'c.id' }, page);
  }

  /** A page of the tenant's items matching `filter` (`where` with `@`-parameters; `@tenantId` is reserved). */
  async query(scope: Scope, filter: QueryFilter, page?: PageOptions): Promise<Page<T>> {
    const tenantId = resolveScope(scope);
    const { docs, continuationToken } = await this.store.page(buildQuery(tenantId, filter), tenantId, page);
    const items = docs.map((d) => this.store.parse(d)).filter((i) => this.own(i, tenantId));
    return continuationToken ? { items, continuationToken } : { items };
  }

  /** Number of the tenant's items matching `filter`. */
  async count(scope: Scope, filter: Omit<QueryFilter, 'orderBy'> = {}): Promise<number> {
    const tenantId = resolveScope(scope);
    const q = buildQuery(tenantId, filter, 'VALUE COUNT(1)');
    const res = await this.store.container.items.query<number>(q, { partitionKey: tenantId }).fetchAll();
    return res.resources.reduce((a, b) => a + b, 0);
  }

  /** Creates; 409 `<ENTITY>.CONFLICT` when the id exists in this tenant. */
  async create(scope: Scope, item: TenantInput<T>): Promise<Versioned<T>> {
    return this.store.create(this.stamp(scope, item));
  }

  /** Replaces; with `ifMatch`, 412 `CONCURRENCY.CONFLICT` when it changed since read; 404 when absent. */
  async replace(scope: Scope, item: TenantInput<T>, options?: { ifMatch?: string }): Promise<Versioned<T>> {
    const doc = this.stamp(scope, item);
    return this.store.replace(doc, doc.tenantId, options?.ifMatch);
  }

  /** Creates or replaces. */
  async upsert(scope: Scope, item: TenantInput<T>): Promise<Versioned<T>> {
    return this.store.upsert(this.stamp(scope, item));
  }

  /** Deletes; false when there was nothing to delete in this tenant. */
  async delete(scope: Scope, id: string, options?: { ifMatch?: string }): Promise<boolean> {
    return this.store.delete(id, resolveScope(scope), options?.ifMatch);
  }

  private stamp(scope: Scope, item: TenantInput<T>): T {
    return this.store.validateForWrite({ ...item, tenantId: resolveScope(scope) });
  }

  /** Defence in depth: an item of another tenant must never come back, whatever the query said. */
  private own(item: T, tenantId: string): boolean {
    if (item.tenantId === tenantId) return true;
    throw new Error(
      `Tenant isolation violated: ${this.store.entity} ${item.id} is not in the scope's tenant`,
    );
  }
}

function buildQuery(tenantId: string, filter: QueryFilter, select = '*') {
  const parameters: SqlParameter[] = [{ name: '@tenantId', value: tenantId }];
  for (const p of filter.parameters ?? []) {
    if (p.name === '@tenantId') throw new Error('@tenantId is reserved by TenantRepository');
    parameters.push(p);
  }
  return { query: buildSql(['c.tenantId = @tenantId'], filter, select), parameters };
}

/**
 * The Cosmos operations both repositories share, with the partition key always passed explicitly.
 * Items are validated with the repository's zod schema on the way in and on the way out.
 */
import type { Container, ItemDefinition, SqlParameter } from '@azure/cosmos';
import type { ZodType } from 'zod';
import { AppError, conflict, ErrorCodes, notFound } from '../errors';
import { quoteEtag } from '../http/etag';

/** An item with the etag it was read or written with (pass it back as `ifMatch`). */
export interface Versioned<T> {
  item: T;
  etag: string;
}

/** One page of a list or query. `continuationToken` is absent on the last page. */
export interface Page<T> {
  items: T[];
  continuationToken?: string;
}

export interface PageOptions {
  /** Default 50, capped at `maxPageSize` (100). */
  maxItemCount?: number;
  continuationToken?: string;
}

/** A filtered query: `where` is ANDed with the scope's predicate; `@`-parameters only, never concatenated values. */
export interface QueryFilter {
  where?: string;
  parameters?: SqlParameter[];
  /** One field, e.g. `c.name` or `c.updatedAt DESC` (the stand-in orders by one field only). */
  orderBy?: string;
}

/** Builds `SELECT … FROM c WHERE <predicates> ORDER BY …`; `orderBy` is checked so it cannot smuggle SQL. */
export function buildSql(predicates: string[], filter: QueryFilter, select = '*'): string {
  const where = [...predicates, ...(filter.where ? [`(${filter.where})`] : [])];
  let sql = `SELECT ${select} FROM c`;
  if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
  if (filter.orderBy) {
    if (!/^c(\.[A-Za-z_][A-Za-z0-9_]*)+( (ASC|DESC))?$/i.test(filter.orderBy)) {
      throw new Error(`orderBy must be one field like "c.name DESC", got ${JSON.stringify(filter.orderBy)}`);
    }
    sql += ` ORDER BY ${filter.orderBy}`;
  }
  return sql;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
/** Pages of a few small fields (projections for counts and summaries) may be larger: one round trip per 1,000. */
export const MAX_PROJECTION_PAGE_SIZE = 1000;

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_attachments', '_ts'] as const;

export const cosmosStatus = (err: unknown): number | undefined => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};

export class PartitionedStore<T extends { id: string }> {
  constructor(
    readonly container: Container,
    readonly schema: ZodType<T>,
    /** Upper-case entity name for error codes (`KPI` → `KPI.NOT_FOUND`, `KPI.CONFLICT`). */
    readonly entity: string,
  ) {}

  parse(doc: ItemDefinition): T {
    const clean: Record<string, unknown> = { ...doc };
    for (const f of SYSTEM_FIELDS) delete clean[f];
    const r = this.schema.safeParse(clean);
    if (!r.success) {
      // Stored data that no longer fits the schema is a bug or a migration gap, not the caller's fault.
      throw new Error(
        `Stored ${this.entity} ${String(doc.id)} does not match its schema: ${r.error.message}`,
      );
    }
    return r.data;
  }

  validateForWrite(item: unknown): T {
    const r = this.schema.safeParse(item);
    if (!r.success) {
      throw new AppError(
        `${this.entity}.INVALID`,
        `Invalid ${this.entity}`,
        422,
        r.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.message,
        })),
      );
    }
    return r.data;
  }

  async get(id: string, pk: string): Promise<Versioned<T> | undefined> {
    const res = await this.container.item(id, pk).read();
    if (res.statusCode === 404 || !res.resource) return undefined;
    return { item: this.parse(res.resource), etag: res.resource._etag as string };
  }

  async page(
    query: { query: string; parameters: SqlParameter[] },
    pk: string | undefined,
    opts: PageOptions = {},
    maxPageSize = MAX_PAGE_SIZE,
  ) {
    const maxItemCount = Math.min(Math.max(1, opts.maxItemCount ?? DEFAULT_PAGE_SIZE), maxPageSize);
    const res = await this.container.items
      .query<ItemDefinition>(query, {
        ...(pk !== undefined ? { partitionKey: pk } : {}),
        maxItemCount,
        ...(opts.continuationToken ? { continuationToken: opts.continuationToken } : {}),
      })
      .fetchNext();
    return { docs: res.resources, continuationToken: res.continuationToken || undefined };
  }

  async create(doc: T): Promise<Versioned<T>> {
    try {
      const res = await this.container.items.create(doc);
      return { item: this.parse(res.resource as ItemDefinition), etag: res.etag };
    } catch (err) {
      if (cosmosStatus(err) === 409)
        throw conflict(`${this.entity}.CONFLICT`, `${this.entity} ${doc.id} already exists`);
      throw err;
    }
  }

  async replace(doc: T, pk: string, ifMatch?: string): Promise<Versioned<T>> {
    try {
      const res = await this.container.item(doc.id, pk).replace(doc, ifMatchOptions(ifMatch));
      return { item: this.parse(res.resource as ItemDefinition), etag: res.etag };
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 412) {
        throw new AppError(
          ErrorCodes.concurrencyConflict,
          `${this.entity} ${doc.id} was changed by someone else`,
          412,
        );
      }
      if (status === 404)
        throw notFound(`${this.entity}.NOT_FOUND`, `${this.entity} ${doc.id} does not exist`);
      throw err;
    }
  }

  async upsert(doc: T): Promise<Versioned<T>> {
    const res = await this.container.items.upsert(doc);
    return { item: this.parse(res.resource as ItemDefinition), etag: res.etag };
  }

  /** True when something was deleted. */
  async delete(id: string, pk: string, ifMatch?: string): Promise<boolean> {
    try {
      await this.container.item(id, pk).delete(ifMatchOptions(ifMatch));
      return true;
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 404) return false;
      if (status === 412) {
        throw new AppError(
          ErrorCodes.concurrencyConflict,
          `${this.entity} ${id} was changed by someone else`,
          412,
        );
      }
      throw err;
    }
  }
}

/**
 * The access condition for an `If-Match` a client sent (or a use case passed on): Cosmos etags are quoted,
 * so a bare tag from an old client is quoted before the comparison; `*` means "whatever is there now",
 * which a replace or delete of an existing item needs no condition for.
 */
function ifMatchOptions(ifMatch: string | undefined) {
  if (!ifMatch || ifMatch.trim() === '*') return undefined;
  return { accessCondition: { type: 'IfMatch' as const, condition: quoteEtag(ifMatch) } };
}

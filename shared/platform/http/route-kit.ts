/**
 * What the routes of every Function app repeat: the paging query and its repository options, the `If-Match`
 * header, and answering a versioned item with its ETag. Ids at the edge come from shared/contracts/ids.ts.
 */
import type { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import type { RouteResult } from './route-types';

/** `?limit=&continuationToken=`: at most 100 items a page (50 unless asked), the token as the store gave it. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(4000).optional(),
});

/** The validated paging query. */
export type PageQuery = z.output<typeof pageQuery>;

/** Page options for a repository (`maxItemCount`, `continuationToken` only when sent) from the paging query. */
export const pageOf = (query: { limit: number; continuationToken?: string | undefined }) => ({
  maxItemCount: query.limit,
  ...(query.continuationToken ? { continuationToken: query.continuationToken } : {}),
});

/** The `If-Match` header, when the client sent one. */
export const ifMatchOf = (request: HttpRequest): string | undefined =>
  request.headers.get('if-match') ?? undefined;

/**
 * A versioned item as the API answers it: the item with its etag in the body and in the `ETag` header, which
 * clients send back as `If-Match` (and which lets a GET answer 304).
 */
export const withEtag = <V extends { etag: string }>(view: V, status?: number): RouteResult => ({
  ...(status !== undefined ? { status } : {}),
  body: view,
  headers: { etag: view.etag },
});

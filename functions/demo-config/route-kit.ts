/** What every route of this Function app shares: its name, path parameters and the caller's tenant scope. */

import type { HttpRequest } from '@azure/functions';
import { tenantIdSchema } from '@kpi/shared/contracts/demo-config';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { RouteResult } from '@kpi/shared/platform/http/route';
import { z } from 'zod';
import { findConfiguration } from './configurations/manage-configurations';
import { dependencies } from './dependencies';

export const APP = 'demo-config';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/);

/** `tenants/{tenantId}`: the tenant a route addresses (checked against the caller by the edge). */
export const tenantParams = z.object({ tenantId: tenantIdSchema });
export const configurationParams = tenantParams.extend({ configurationId: id });
export const sourceParams = configurationParams.extend({ sourceId: id });

export const TENANT = 'tenants/{tenantId}';
export const CONFIGURATIONS = `${TENANT}/configurations`;
export const CONFIGURATION = `${CONFIGURATIONS}/{configurationId}`;
export const SOURCES = `${CONFIGURATION}/sources`;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(4000).optional(),
});

/** Page options for a repository from the validated query. */
export const pageOf = (q: z.output<typeof pageQuery>) => ({
  maxItemCount: q.limit,
  ...(q.continuationToken ? { continuationToken: q.continuationToken } : {}),
});

/** The `If-Match` header, when the client sent one. */
export const ifMatchOf = (request: HttpRequest) => request.headers.get('if-match') ?? undefined;

/**
 * A versioned item as the API answers it: the item with its etag in the body and in the `ETag` header, which
 * clients send back as `If-Match` (and which lets a GET answer 304).
 */
export const withEtag = <V extends { etag: string }>(view: V, status?: number): RouteResult => ({
  ...(status !== undefined ? { status } : {}),
  body: view,
  headers: { etag: view.etag },
});

/**
 * The app's dependencies and the caller's scope for a route below one configuration, once the configuration
 * is known to exist there (404 `CONFIGURATION.NOT_FOUND` otherwise, also for another tenant's id): for routes
 * whose own answer would not say that the configuration is missing (an empty list, an inference).
 */
export async function inExistingConfiguration(caller: Caller, params: z.output<typeof configurationParams>) {
  const deps = dependencies();
  const scope = scopeFor(caller, params.tenantId);
  await findConfiguration(deps, scope, params.configurationId);
  return { deps, scope };
}

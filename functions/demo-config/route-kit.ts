/** What every route of this Function app shares: its name, path parameters and the caller's tenant scope. */

import type { HttpRequest } from '@azure/functions';
import { tenantIdSchema } from '@kpi/shared/contracts/demo-config';
import { z } from 'zod';

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

/** What every route of this Function app shares: its name and the tenant path parameter. */
import { z } from 'zod';

export const APP = 'metadata';

/** `tenants/{tenantId}/...`: the tenant a route addresses (checked against the caller by the edge). */
export const tenantParamsSchema = z.object({ tenantId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });

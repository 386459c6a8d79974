/** Shared bits of the monitoring routes: app name, role sets, paging query. */
import { atLeast, type Role } from '@kpi/shared/platform/auth/roles';
import { z } from 'zod';

export const APP = 'monitoring';

/** Vendor staff. */
export const STAFF = ['platform-admin', 'support'] as const satisfies readonly Role[];
/** Who may see and handle a tenant's fleet, alerts, silences and windows: tenant admins and vendor staff. */
export const FLEET_ROLES: Role[] = [...atLeast('admin'), 'support'];

/** `?limit=&continuationToken=`. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(2000).optional(),
});

export const pageOptions = (q: { limit: number; continuationToken?: string | undefined }) => ({
  maxItemCount: q.limit,
  ...(q.continuationToken ? { continuationToken: q.continuationToken } : {}),
});

export const tenantParams = z.object({ tenantId: z.string().min(1).max(100) });
export const deploymentParams = tenantParams.extend({ deploymentId: z.string().min(1).max(100) });

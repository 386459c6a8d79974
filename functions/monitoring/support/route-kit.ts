/**
 * What the monitoring routes share beyond the platform's route kit: its role sets. Paging and
 * ids are the platform's (`shared/platform/http/route-kit.ts`, `shared/contracts/ids.ts`), re-exported under
 * the names the areas use.
 */
import { entityIdSchema, tenantParams } from '@kpi/shared/contracts/ids';
import { atLeast, type Role } from '@kpi/shared/platform/auth/roles';
import { pageOf, pageQuery } from '@kpi/shared/platform/http/route-kit';

/** Vendor staff. */
export const STAFF = ['platform-admin', 'support'] as const satisfies readonly Role[];
/** Who may see and handle a tenant's fleet, alerts, silences and windows: tenant admins and vendor staff. */
export const FLEET_ROLES: Role[] = [...atLeast('admin'), 'support'];

export { pageQuery, tenantParams };
export const pageOptions = pageOf;
export const deploymentParams = tenantParams.extend({ deploymentId: entityIdSchema });

/** The roles of the deployment's own users, shared by every client-app area. */
import type { Role } from '@kpi/shared/platform/auth/roles';

/** Tenant users who read dashboards (vendor staff are not users of a client deployment). */
export const READERS: Role[] = ['viewer', 'editor', 'admin', 'owner'];
/** Tenant users who edit dashboards. */
export const EDITORS: Role[] = ['editor', 'admin', 'owner'];
/** Tenant users who manage data and the licence key. */
export const ADMINS: Role[] = ['admin', 'owner'];

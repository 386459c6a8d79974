/** What every client-app route shares: the app name and the roles of the deployment's own users. */
import type { Role } from '@kpi/shared/platform/auth/roles';

export const APP = 'client-app';

/** Tenant users who read dashboards (vendor staff are not users of a client deployment). */
export const READERS: Role[] = ['viewer', 'editor', 'admin', 'owner'];
/** Tenant users who edit dashboards. */
export const EDITORS: Role[] = ['editor', 'admin', 'owner'];
/** Tenant users who manage data and the licence key. */
export const ADMINS: Role[] = ['admin', 'owner'];

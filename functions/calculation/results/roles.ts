/** Who may call the calculation routes: the deployment's own tenant users (vendor staff are not its users). */
import type { Role } from '@kpi/shared/platform/auth/roles';

/** Tenant users who read dashboards. */
export const READERS: Role[] = ['viewer', 'editor', 'admin', 'owner'];
/** Tenant users who manage the deployment's data. */
export const ADMINS: Role[] = ['admin', 'owner'];

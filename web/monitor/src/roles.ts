/**
 * Who the Monitor is for. Every monitoring page reads a tenant's fleet, alerts, licences or outbox, which the
 * API allows to tenant owners and admins and to vendor staff; the platform page is vendor staff's alone.
 * The UI uses these only to offer what the API will answer.
 */
import { platformRoles } from '@kpi/web-ui/auth';

export const STAFF_ROLES: readonly string[] = platformRoles;
export const FLEET_ROLES: readonly string[] = ['owner', 'admin', ...STAFF_ROLES];

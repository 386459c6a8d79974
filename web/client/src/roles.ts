/**
 * The Client UI's role lists, the same as functions/client-app/route-kit.ts (the API enforces them; the UI
 * only decides what to show): viewers read, editors edit dashboards, admins and owners manage data and the
 * licence key.
 */
import { type AuthUser, hasAnyRole } from '@kpi/web-ui/auth';

export const READERS = ['viewer', 'editor', 'admin', 'owner'] as const;
export const ADMINS = ['admin', 'owner'] as const;

/** Admins and owners: validation history, pasting a renewed key, the Data pages. */
export const canManage = (user: AuthUser | undefined): boolean => hasAnyRole(user, ADMINS);

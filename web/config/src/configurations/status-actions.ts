import type { ConfigurationStatus } from '@kpi/shared/contracts/demo-config';
import type { ConfigPermissions } from '../workspace/roles';

/** A status change the user may make, as a button. */
export interface StatusAction {
  to: ConfigurationStatus;
  label: string;
  /** What happens, for the button's description. */
  hint: string;
}

/**
 * The transitions the service allows from `status` that these permissions may make (mirrors
 * functions/demo-config/configurations/status.ts: draft → proposed → signed, proposed → draft; signing
 * needs an admin). The service refuses anyway; this only decides which buttons exist.
 */
export function statusActions(status: ConfigurationStatus, permissions: ConfigPermissions): StatusAction[] {
  if (!permissions.canEdit) return [];
  switch (status) {
    case 'draft':
      return [
        { to: 'proposed', label: 'Propose to client', hint: 'Freezes the content for the client to review.' },
      ];
    case 'proposed':
      return [
        { to: 'draft', label: 'Back to draft', hint: 'Reopens the configuration for changes.' },
        ...(permissions.canAdmin
          ? [{ to: 'signed' as const, label: 'Sign', hint: 'Records the client’s agreement. Final.' }]
          : []),
      ];
    case 'signed':
      return [];
  }
}

/** Whether the content may change: drafts only, for editors. */
export const canChangeContent = (status: ConfigurationStatus, permissions: ConfigPermissions): boolean =>
  permissions.canEdit && status === 'draft';

/** Whether the configuration may be deleted: drafts only, for admins. */
export const canDelete = (status: ConfigurationStatus, permissions: ConfigPermissions): boolean =>
  permissions.canAdmin && status === 'draft';

/**
 * The configuration status machine: draft → proposed → signed, and proposed → draft to rework a proposal.
 * Signed is final. Only drafts are edited; signing needs a tenant admin/owner or a platform admin.
 */
import type { ConfigurationStatus } from '@kpi/shared/contracts/demo-config';
import type { Role } from '@kpi/shared/platform/auth/roles';

const transitions: Readonly<Record<ConfigurationStatus, readonly ConfigurationStatus[]>> = {
  draft: ['proposed'],
  proposed: ['draft', 'signed'],
  signed: [],
};

/** Roles that may move a configuration into `to`. */
const rolesFor: Readonly<Record<ConfigurationStatus, readonly Role[]>> = {
  draft: ['editor', 'admin', 'owner', 'platform-admin'],
  proposed: ['editor', 'admin', 'owner', 'platform-admin'],
  signed: ['admin', 'owner', 'platform-admin'],
};

/** The statuses reachable from `from`. */
export const allowedTransitions = (from: ConfigurationStatus): readonly ConfigurationStatus[] =>
  transitions[from];

/** Why `from → to` is refused for these roles, or undefined when it is allowed. */
export function transitionRefusal(
  from: ConfigurationStatus,
  to: ConfigurationStatus,
  roles: readonly Role[],
): { code: string; message: string } | undefined {
  if (!transitions[from].includes(to)) {
    const allowed = transitions[from];
    return {
      code: 'CONFIGURATION.TRANSITION_INVALID',
      message: `A ${from} configuration cannot become ${to}${allowed.length ? ` (only ${allowed.join(', ')})` : ' (it is final)'}`,
    };
  }
  if (!roles.some((r) => rolesFor[to].includes(r))) {
    return {
      code: 'CONFIGURATION.TRANSITION_FORBIDDEN',
      message: `Your roles may not make a configuration ${to}`,
    };
  }
  return undefined;
}

/** Whether the content (name, KPIs, targets, sources) may change in this status. */
export const isEditable = (status: ConfigurationStatus): boolean => status === 'draft';

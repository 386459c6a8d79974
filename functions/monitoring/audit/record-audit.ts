/** Writes audit entries: who did what to which thing, per tenant. */
import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '@kpi/shared/contracts/monitoring-notification';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { AppDeps } from '../dependencies';

export async function recordAudit(
  stores: Pick<AppDeps, 'audit'>,
  scope: TenantScope,
  entry: Omit<AuditEntry, 'id' | 'tenantId' | 'at'> & { at?: Date },
): Promise<void> {
  const { at, ...rest } = entry;
  await stores.audit.create(scope, { ...rest, id: randomUUID(), at: (at ?? new Date()).toISOString() });
}

/**
 * The catalog audit trail (container `catalog-audit`, partition `/tenantId`; global catalog edits in
 * `_global`): who changed which KPI, when, and which definition fields.
 */
import type { AuditEntry } from '@kpi/shared/contracts/metadata-custom-kpi';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import { isConflict } from '@kpi/shared/platform/cosmos/conditions';
import type { Page, TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { FieldChange } from './definition-diff';

export type Actor = Pick<Caller, 'subject' | 'email' | 'name'>;

export interface AuditDetails {
  changes?: readonly FieldChange[];
  version?: number;
  note?: string;
  /** A deterministic id makes the entry once-only: a repeat finds it there and leaves it. */
  id?: string;
  at?: string;
}

export class AuditLog {
  constructor(
    private readonly entries: TenantRepository<AuditEntry>,
    private readonly clock: () => Date,
    private readonly newId: () => string,
  ) {}

  async record(
    scope: TenantScope,
    actor: Actor,
    action: AuditEntry['action'],
    kpiId: string,
    details: AuditDetails = {},
  ): Promise<void> {
    const at = details.at ?? this.clock().toISOString();
    const entry = {
      id: details.id ?? `${at}-${this.newId()}`,
      at,
      actor: { subject: actor.subject, email: actor.email, name: actor.name },
      action,
      kpiId,
      changes: (details.changes ?? []).map((c) => c.field),
      ...(details.version ? { version: details.version } : {}),
      ...(details.note ? { note: details.note } : {}),
    };
    try {
      await this.entries.create(scope, entry);
    } catch (err) {
      // A repeat of a once-only entry finds it recorded: nothing more to do.
      if (!details.id || !isConflict(err)) throw err;
    }
  }

  /** Newest first, optionally for one KPI. */
  list(
    scope: TenantScope,
    filter: { kpiId?: string; limit: number; continuationToken?: string },
  ): Promise<Page<AuditEntry>> {
    return this.entries.query(
      scope,
      filter.kpiId
        ? {
            where: 'c.kpiId = @kpiId',
            parameters: [{ name: '@kpiId', value: filter.kpiId }],
            orderBy: 'c.at DESC',
          }
        : { orderBy: 'c.at DESC' },
      { maxItemCount: filter.limit, continuationToken: filter.continuationToken },
    );
  }
}

import { describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  actionLabel,
  actionOptions,
  DEFAULT_AUDIT_FILTER,
  filterAudit,
} from './audit-filter';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'x',
  tenantId: 'contoso',
  at: '2026-11-26T10:00:00.000Z',
  actor: 'olivia@contoso.example',
  action: 'alert.acknowledged',
  target: 'contoso-prod~heartbeat-missing~1',
  ...over,
});
const entries = [
  entry({ id: '1', details: { comment: 'DB failover' } }),
  entry({ id: '2', action: 'command.issued', actor: 'sam@vendor.example', deploymentId: 'contoso-edge' }),
  entry({ id: '3', action: 'silence.created', target: 'abc' }),
  entry({ id: '4', action: 'alert.resolved', actor: 'sam@vendor.example' }),
];

describe('audit filter', () => {
  const ids = (f: Partial<typeof DEFAULT_AUDIT_FILTER>) =>
    filterAudit(entries, { ...DEFAULT_AUDIT_FILTER, ...f }).map((e) => e.id);

  it('filters by exact action or family, actor and text (details included)', () => {
    expect(ids({})).toEqual(['1', '2', '3', '4']);
    expect(ids({ action: 'alert.' })).toEqual(['1', '4']);
    expect(ids({ action: 'alert.resolved' })).toEqual(['4']);
    expect(ids({ actor: 'SAM' })).toEqual(['2', '4']);
    expect(ids({ text: 'failover' })).toEqual(['1']);
    expect(ids({ text: 'contoso-edge' })).toEqual(['2']);
  });

  it('offers the families and actions seen, and labels them', () => {
    expect(actionOptions(entries)).toEqual({
      families: ['alert.', 'command.', 'silence.'],
      actions: ['alert.acknowledged', 'alert.resolved', 'command.issued', 'silence.created'],
    });
    expect(actionLabel('maintenance-window.created')).toBe('Maintenance window created');
  });
});

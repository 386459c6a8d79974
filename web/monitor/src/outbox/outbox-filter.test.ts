import { describe, expect, it } from 'vitest';
import { countByStatus, DEFAULT_OUTBOX_FILTER, filterOutbox, type NotificationRecord } from './outbox-filter';

const rec = (over: Partial<NotificationRecord>): NotificationRecord => ({
  id: 'n',
  tenantId: 'contoso',
  groupKey: 'g',
  kind: 'opened',
  alertIds: ['contoso-prod~heartbeat-missing~1'],
  recipient: 'ops@contoso.example',
  status: 'sent',
  subject: 'CRITICAL contoso/contoso-prod: heartbeat-missing',
  at: '2026-11-26T10:00:00.000Z',
  ...over,
});
const records = [
  rec({ id: 'a' }),
  rec({ id: 'b', status: 'silenced', subject: 'contoso/contoso-lab: heartbeat-missing' }),
  rec({ id: 'c', status: 'rate-limited', kind: 'reminder', recipient: 'sam@vendor.example' }),
];

describe('outbox filter', () => {
  it('filters by sent/skipped/status, kind and text', () => {
    const ids = (f: Partial<typeof DEFAULT_OUTBOX_FILTER>) =>
      filterOutbox(records, { ...DEFAULT_OUTBOX_FILTER, ...f }).map((r) => r.id);
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ status: 'skipped' })).toEqual(['b', 'c']);
    expect(ids({ status: 'sent' })).toEqual(['a']);
    expect(ids({ kind: 'reminder' })).toEqual(['c']);
    expect(ids({ text: 'SAM@' })).toEqual(['c']);
    expect(ids({ text: 'lab' })).toEqual(['b']);
  });

  it('counts per status, zero included', () => {
    expect(countByStatus(records)).toEqual({
      sent: 1,
      silenced: 1,
      'rate-limited': 1,
      flapping: 0,
      'no-recipients': 0,
    });
  });
});

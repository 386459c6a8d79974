import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { describe, expect, it } from 'vitest';
import { memoryDependencies } from '../support/memory-stores';
import {
  alreadyHandled,
  deliverToEach,
  deliveryId,
  type RecordBase,
  recordHeldBack,
  type SendOutcome,
  sendAndRecord,
  takeRateSlot,
} from './mail-steps';

const now = new Date('2026-11-26T10:00:00.000Z');
const scope = systemScope('contoso', 'test');
const base: RecordBase = { groupKey: 'g1', kind: 'opened', alertIds: ['a1'], at: now.toISOString() };
const mail = { subject: 'S', text: 'T', html: '<p>T</p>' };
const records = (m: ReturnType<typeof memoryDependencies>) =>
  [...m.stores.notifications.items.values()].map((e) => e.item);

describe('mail steps', () => {
  it('hold back: records the reason under <key>~<suffix>, once however often it runs', async () => {
    const m = memoryDependencies();
    const held = { suffix: 'silenced', status: 'silenced' as const, subject: 'not sent' };
    await recordHeldBack(m.deps, scope, base, held);
    await recordHeldBack(m.deps, scope, base, held);
    expect(records(m)).toEqual([
      expect.objectContaining({
        id: 'g1~silenced',
        status: 'silenced',
        alertIds: ['a1'],
        tenantId: 'contoso',
      }),
    ]);
  });

  it('send and record: ACS idempotency key = record id; dedupe then sees it', async () => {
    const m = memoryDependencies();
    const id = deliveryId('g1', 'ops@contoso.example');
    expect(await alreadyHandled(m.deps, scope, id)).toBe(false);
    await sendAndRecord(m.deps, scope, base, { id, to: 'ops@contoso.example', mail });
    expect(m.stores.mailer.sent).toEqual([expect.objectContaining({ idempotencyKey: id, subject: 'S' })]);
    expect(records(m)[0]).toMatchObject({
      id,
      status: 'sent',
      recipient: 'ops@contoso.example',
      html: '<p>T</p>',
    });
    expect(await alreadyHandled(m.deps, scope, id)).toBe(true);
  });

  it('rate limit: admits up to the limit in the window, then refuses', async () => {
    const m = memoryDependencies();
    const limit = { max: 2, windowMinutes: 60 };
    const takes = [];
    for (let i = 0; i < 3; i++) takes.push(await takeRateSlot(m.deps, 'a@x.example', now, limit));
    expect(takes).toEqual([true, true, false]);
  });

  it('deliver to each: a redelivery sends nothing new; a refused recipient is recorded rate-limited', async () => {
    const m = memoryDependencies();
    const outcome: SendOutcome = { sent: [], skipped: {} };
    const admitRecipient = async (to: string) => to !== 'busy@x.example';
    const notice = { recipients: ['a@x.example', 'busy@x.example'], mail, admitRecipient };
    await deliverToEach(m.deps, scope, base, notice, outcome);
    await deliverToEach(m.deps, scope, base, notice, { sent: [], skipped: {} });
    expect(outcome).toEqual({ sent: ['a@x.example'], skipped: { 'busy@x.example': 'rate-limited' } });
    expect(m.stores.mailer.sent).toHaveLength(1);
    expect(
      records(m)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['rate-limited', 'sent']);
  });
});

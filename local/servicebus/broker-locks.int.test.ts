import { isServiceBusError, type ServiceBusReceivedMessage } from '@azure/service-bus';
import { describe, expect, it } from 'vitest';
import { receiveCount, sleep, useBroker } from './broker-test-support';
import type { EntitiesDeclaration } from './entities';

const entities: EntitiesDeclaration = {
  queues: [
    { name: 'short-lock', lockDurationSeconds: 1 },
    { name: 'renewals', lockDurationSeconds: 1 },
    { name: 'fragile', maxDeliveryCount: 3 },
    { name: 'poison' },
    { name: 'later' },
    { name: 'deferrals' },
  ],
  topics: [{ name: 'alerts', subscriptions: [{ name: 'pager', maxDeliveryCount: 2 }] }],
};

// Automatic lock renewal would hide lock expiry; these tests renew by hand.
const noAutoRenew = { maxAutoLockRenewalDurationInMs: 0 };

describe('local Service Bus broker: locks, dead-lettering and scheduling', () => {
  const sb = useBroker(entities);

  it('redelivers a message whose lock expired, counting the delivery; the stale lock is lost', async () => {
    await sb.client.createSender('short-lock').sendMessages({ body: 'slow', messageId: 'slow-1' });
    const receiver = sb.client.createReceiver('short-lock', noAutoRenew);
    const [first] = await receiveCount(receiver, 1);
    expect(first?.deliveryCount).toBe(0);
    // Not redelivered while locked...
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 400 })).toHaveLength(0);
    // ...but after the 1 s lock ran out.
    const [again] = await receiveCount(receiver, 1, 3_000);
    expect(again?.messageId).toBe('slow-1');
    expect(again?.deliveryCount).toBe(1);
    await expect(receiver.completeMessage(first as ServiceBusReceivedMessage)).rejects.toSatisfy(
      (e: unknown) => isServiceBusError(e) && e.code === 'MessageLockLost',
    );
    await receiver.completeMessage(again as ServiceBusReceivedMessage);
    await receiver.close();
  });

  it('renews a lock through $management so the message is not redelivered', async () => {
    await sb.client.createSender('renewals').sendMessages({ body: 'long job' });
    const receiver = sb.client.createReceiver('renewals', noAutoRenew);
    const [m] = await receiveCount(receiver, 1);
    const firstUntil = m?.lockedUntilUtc?.getTime() ?? 0;
    for (let i = 0; i < 3; i++) {
      await sleep(500);
      const until = await receiver.renewMessageLock(m as ServiceBusReceivedMessage);
      expect(until.getTime()).toBeGreaterThan(firstUntil);
    }
    // 1.5 s after receipt, past the original lock: still ours, nothing redelivered.
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 200 })).toHaveLength(0);
    await receiver.completeMessage(m as ServiceBusReceivedMessage);
    await receiver.close();
  });

  it('dead-letters a message after maxDeliveryCount deliveries, with reason MaxDeliveryCountExceeded', async () => {
    await sb.client.createSender('fragile').sendMessages({ body: 'poison pill', messageId: 'pp' });
    const receiver = sb.client.createReceiver('fragile');
    for (let attempt = 0; attempt < 3; attempt++) {
      const [m] = await receiveCount(receiver, 1);
      expect(m?.deliveryCount).toBe(attempt);
      await receiver.abandonMessage(m as ServiceBusReceivedMessage);
    }
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toHaveLength(0);
    const dlq = sb.client.createReceiver('fragile', { subQueueType: 'deadLetter' });
    const [dead] = await receiveCount(dlq, 1);
    expect(dead?.messageId).toBe('pp');
    expect(dead?.body).toBe('poison pill');
    expect(dead?.deadLetterReason).toBe('MaxDeliveryCountExceeded');
    expect(dead?.deadLetterErrorDescription).toMatch(/3 delivery attempts/);
    await dlq.completeMessage(dead as ServiceBusReceivedMessage);
  });

  it("applies a subscription's own maxDeliveryCount", async () => {
    await sb.client.createSender('alerts').sendMessages({ body: 'page someone' });
    const receiver = sb.client.createReceiver('alerts', 'pager');
    const [m] = await receiveCount(receiver, 1);
    await receiver.abandonMessage(m as ServiceBusReceivedMessage);
    const [m2] = await receiveCount(receiver, 1);
    await receiver.abandonMessage(m2 as ServiceBusReceivedMessage);
    const dlq = sb.client.createReceiver('alerts', 'pager', { subQueueType: 'deadLetter' });
    const [dead] = await receiveCount(dlq, 1);
    expect(dead?.body).toBe('page someone');
    expect(dead?.deadLetterReason).toBe('MaxDeliveryCountExceeded');
  });

  it('keeps the reason and description of an explicit dead-letter, readable from the DLQ', async () => {
    await sb.client
      .createSender('poison')
      .sendMessages({ body: { bad: true }, applicationProperties: { kind: 'x' } });
    const receiver = sb.client.createReceiver('poison');
    const [m] = await receiveCount(receiver, 1);
    await receiver.deadLetterMessage(m as ServiceBusReceivedMessage, {
      deadLetterReason: 'ValidationFailed',
      deadLetterErrorDescription: 'field "kpi" is missing',
    });
    expect(await receiver.peekMessages(5)).toHaveLength(0);
    const dlq = sb.client.createReceiver('poison', { subQueueType: 'deadLetter' });
    const [peeked] = await dlq.peekMessages(1);
    expect(peeked?.deadLetterReason).toBe('ValidationFailed');
    const [dead] = await receiveCount(dlq, 1);
    expect(dead?.body).toEqual({ bad: true });
    expect(dead?.applicationProperties?.kind).toBe('x');
    expect(dead?.deadLetterReason).toBe('ValidationFailed');
    expect(dead?.deadLetterErrorDescription).toBe('field "kpi" is missing');
    await dlq.completeMessage(dead as ServiceBusReceivedMessage);
    expect(await dlq.peekMessages(5)).toHaveLength(0);
  });

  it('holds scheduled messages until their time; cancelled ones never appear', async () => {
    const sender = sb.client.createSender('later');
    const at = new Date(Date.now() + 1_200);
    const [seq] = await sender.scheduleMessages({ body: 'scheduled' }, at);
    const [cancelled] = await sender.scheduleMessages({ body: 'cancelled' }, at);
    await sender.sendMessages({ body: 'by property', scheduledEnqueueTimeUtc: at });
    await sender.cancelScheduledMessages(cancelled ?? []);
    const receiver = sb.client.createReceiver('later');
    // Visible to peek as scheduled, not to receivers.
    const peeked = await receiver.peekMessages(10);
    expect(peeked.map((m) => [m.body, m.state])).toEqual([
      ['scheduled', 'scheduled'],
      ['by property', 'scheduled'],
    ]);
    expect(peeked[0]?.sequenceNumber?.toNumber()).toBe(seq?.toNumber());
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 400 })).toHaveLength(0);
    const got = await receiveCount(receiver, 2, 3_000);
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    expect(got.map((m) => m.body).sort()).toEqual(['by property', 'scheduled']);
    for (const m of got) await receiver.completeMessage(m);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toHaveLength(0);
  });

  it('defers a message and receives it again by sequence number', async () => {
    await sb.client.createSender('deferrals').sendMessages({ body: 'not yet' });
    const receiver = sb.client.createReceiver('deferrals');
    const [m] = await receiveCount(receiver, 1);
    await receiver.deferMessage(m as ServiceBusReceivedMessage);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toHaveLength(0);
    const [deferred] = await receiver.receiveDeferredMessages(m?.sequenceNumber ?? []);
    expect(deferred?.body).toBe('not yet');
    await receiver.completeMessage(deferred as ServiceBusReceivedMessage);
    expect(await receiver.peekMessages(5)).toHaveLength(0);
  });
});

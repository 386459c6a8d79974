import { isServiceBusError, type ServiceBusReceivedMessage } from '@azure/service-bus';
import { describe, expect, it } from 'vitest';
import { receiveCount, sleep, useBroker } from './broker-test-support';
import type { EntitiesDeclaration } from './entities';

const entities: EntitiesDeclaration = {
  queues: [{ name: 'orders' }, { name: 'batch' }, { name: 'work' }, { name: 'drop' }, { name: 'peeks' }],
  topics: [{ name: 'events', subscriptions: [{ name: 'audit' }, { name: 'mail' }] }],
};

describe('local Service Bus broker: sending and receiving through @azure/service-bus', () => {
  const sb = useBroker(entities);

  it('sends, receives and completes on a queue, keeping message fields and numbering messages', async () => {
    const sender = sb.client.createSender('orders');
    const before = Date.now();
    await sender.sendMessages({
      body: { order: 42 },
      messageId: 'order-42',
      subject: 'order.created',
      correlationId: 'corr-1',
      contentType: 'application/json',
      applicationProperties: { tenant: 'contoso', attempt: 3, urgent: true },
    });
    await sender.sendMessages({ body: 'no id' });
    const receiver = sb.client.createReceiver('orders');
    const [first, second] = await receiveCount(receiver, 2);
    expect(first?.body).toEqual({ order: 42 });
    expect(first).toMatchObject({
      messageId: 'order-42',
      subject: 'order.created',
      correlationId: 'corr-1',
      contentType: 'application/json',
      applicationProperties: { tenant: 'contoso', attempt: 3, urgent: true },
      deliveryCount: 0,
    });
    expect(first?.enqueuedTimeUtc?.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(first?.lockedUntilUtc?.getTime()).toBeGreaterThan(Date.now() + 50_000); // default 60 s lock
    // A message sent without an id gets one from the sb.broker.
    expect(second?.body).toBe('no id');
    expect(typeof second?.messageId).toBe('string');
    expect(String(second?.messageId).length).toBeGreaterThan(10);
    expect(second?.sequenceNumber?.toNumber()).toBe((first?.sequenceNumber?.toNumber() ?? 0) + 1);

    await receiver.completeMessage(first as ServiceBusReceivedMessage);
    await receiver.completeMessage(second as ServiceBusReceivedMessage);
    // Completed means gone: a second complete fails, and nothing is left to peek or receive.
    await expect(receiver.completeMessage(first as ServiceBusReceivedMessage)).rejects.toThrow();
    expect(await receiver.peekMessages(10)).toHaveLength(0);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toHaveLength(0);
    await receiver.close();
  });

  it('fans a topic message out to every subscription, each with its own copy', async () => {
    await sb.client.createSender('events').sendMessages([{ body: 'e1' }, { body: 'e2' }]);
    const audit = sb.client.createReceiver('events', 'audit');
    const mail = sb.client.createReceiver('events', 'mail');
    const fromAudit = await receiveCount(audit, 2);
    expect(fromAudit.map((m) => m.body)).toEqual(['e1', 'e2']);
    for (const m of fromAudit) await audit.completeMessage(m);
    // Completing in one subscription leaves the other's copies in place.
    const fromMail = await receiveCount(mail, 2);
    expect(fromMail.map((m) => m.body)).toEqual(['e1', 'e2']);
    await mail.abandonMessage(fromMail[0] as ServiceBusReceivedMessage);
    expect(await audit.receiveMessages(1, { maxWaitTimeInMs: 300 })).toHaveLength(0);
    const again = await receiveCount(mail, 1);
    expect(again[0]?.body).toBe('e1');
    expect(again[0]?.deliveryCount).toBe(1);
  });

  it('redelivers an abandoned message with its delivery count incremented', async () => {
    await sb.client.createSender('orders').sendMessages({ body: 'retry me', messageId: 'r1' });
    const receiver = sb.client.createReceiver('orders');
    const [m] = await receiveCount(receiver, 1);
    expect(m?.deliveryCount).toBe(0);
    await receiver.abandonMessage(m as ServiceBusReceivedMessage, { retryReason: 'busy' });
    const [again] = await receiveCount(receiver, 1);
    expect(again?.messageId).toBe('r1');
    expect(again?.deliveryCount).toBe(1);
    // Properties given on abandon are merged into the application properties.
    expect(again?.applicationProperties?.retryReason).toBe('busy');
    expect(again?.lockToken).not.toBe(m?.lockToken);
    await receiver.completeMessage(again as ServiceBusReceivedMessage);
    await receiver.close();
  });

  it('sends a batch (format 0x80013700) and delivers every message in it, in order', async () => {
    const sender = sb.client.createSender('batch');
    const batch = await sender.createMessageBatch();
    for (let i = 0; i < 50; i++) {
      expect(batch.tryAddMessage({ body: `m${i}`, applicationProperties: { i } })).toBe(true);
    }
    await sender.sendMessages(batch);
    const receiver = sb.client.createReceiver('batch', { receiveMode: 'receiveAndDelete' });
    const got = await receiveCount(receiver, 50);
    expect(got.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`));
    expect(got.map((m) => m.applicationProperties?.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const seqs = got.map((m) => m.sequenceNumber?.toNumber() ?? 0);
    expect(new Set(seqs).size).toBe(50);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('receiveAndDelete removes messages as they are delivered', async () => {
    await sb.client.createSender('drop').sendMessages([{ body: 1 }, { body: 2 }]);
    const receiver = sb.client.createReceiver('drop', { receiveMode: 'receiveAndDelete' });
    expect((await receiveCount(receiver, 2)).map((m) => m.body)).toEqual([1, 2]);
    expect(await receiver.peekMessages(5)).toHaveLength(0);
  });

  it('peeks without locking, from the first message on', async () => {
    await sb.client.createSender('peeks').sendMessages([{ body: 'p1' }, { body: 'p2' }, { body: 'p3' }]);
    const receiver = sb.client.createReceiver('peeks');
    const peeked = await receiver.peekMessages(2);
    expect(peeked.map((m) => m.body)).toEqual(['p1', 'p2']);
    expect((await receiver.peekMessages(5)).map((m) => m.body)).toEqual(['p3']);
    // Peeking locked nothing: all three can still be received.
    expect((await receiveCount(receiver, 3)).map((m) => m.body)).toEqual(['p1', 'p2', 'p3']);
  });

  it('refuses unknown entities with MessagingEntityNotFound', async () => {
    const send = sb.client.createSender('no-such-queue').sendMessages({ body: 'x' });
    await expect(send).rejects.toSatisfy(
      (e: unknown) => isServiceBusError(e) && e.code === 'MessagingEntityNotFound',
    );
    const receive = sb.client
      .createReceiver('events', 'no-such-sub')
      .receiveMessages(1, { maxWaitTimeInMs: 500 });
    await expect(receive).rejects.toSatisfy(
      (e: unknown) => isServiceBusError(e) && e.code === 'MessagingEntityNotFound',
    );
  });

  it('shares one queue between concurrent subscribe() receivers (competing consumers)', async () => {
    const total = 40;
    const seen = new Map<string, string[]>([
      ['one', []],
      ['two', []],
    ]);
    let done: () => void = () => {};
    const allSeen = new Promise<void>((resolve) => {
      done = resolve;
    });
    const subscriptions = [...seen.keys()].map((name) => {
      const receiver = sb.client.createReceiver('work');
      return receiver.subscribe(
        {
          processMessage: async (m) => {
            await sleep(10); // slow enough that both consumers get work
            seen.get(name)?.push(String(m.body));
            if ([...seen.values()].flat().length >= total) done();
          },
          processError: async () => {},
        },
        { maxConcurrentCalls: 2 },
      );
    });
    const sender = sb.client.createSender('work');
    await sender.sendMessages(Array.from({ length: total }, (_, i) => ({ body: `w${i}` })));
    await Promise.race([allSeen, sleep(15_000)]);
    await sleep(300); // room for duplicates to show up, if there were any
    for (const s of subscriptions) await s.close();
    const all = [...seen.values()].flat();
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    expect(seen.get('one')?.length).toBeGreaterThan(0);
    expect(seen.get('two')?.length).toBeGreaterThan(0);
    // subscribe() completed each message after processMessage: nothing is left.
    expect(await sb.client.createReceiver('work').peekMessages(5)).toHaveLength(0);
  });
});

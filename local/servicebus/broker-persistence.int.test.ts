import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceBusClient, type ServiceBusReceivedMessage } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../net';
import { type RunningBroker, startBroker } from './broker';
import { receiveCount } from './broker-test-support';
import type { EntitiesDeclaration } from './entities';

const entities: EntitiesDeclaration = {
  queues: [{ name: 'jobs', maxDeliveryCount: 5 }],
  topics: [{ name: 'facts', subscriptions: [{ name: 'keep' }, { name: 'other' }] }],
};

const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('local Service Bus broker: persistence across restarts', () => {
  let dataDir: string;
  let port: number;
  let broker: RunningBroker | undefined;
  let client: ServiceBusClient | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kpi-servicebus-'));
    port = await freePort();
  });
  afterAll(async () => {
    await client?.close();
    await broker?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const restart = async () => {
    await client?.close();
    await broker?.stop();
    expect(await portAnswers(port)).toBe(false); // stopped means the listener is gone
    broker = await startBroker({ port, dataDir, entities });
    client = new ServiceBusClient(broker.connectionString);
    return client;
  };

  it('keeps active, locked, dead-lettered and scheduled messages and the sequence numbers', async () => {
    let c = await restart();
    const jobs = c.createSender('jobs');
    await jobs.sendMessages([
      { body: 'a', messageId: 'a', applicationProperties: { n: 1 } },
      { body: 'b', messageId: 'b' },
      { body: 'c', messageId: 'c' },
      { body: 'dead', messageId: 'dead' },
    ]);
    const dueAt = new Date(Date.now() + 2_500);
    const [scheduledSeq] = await jobs.scheduleMessages({ body: 'scheduled', messageId: 's' }, dueAt);
    await c.createSender('facts').sendMessages({ body: 'fact' });

    const receiver = c.createReceiver('jobs', { maxAutoLockRenewalDurationInMs: 0 });
    const got = await receiveCount(receiver, 4);
    const byId = new Map(got.map((m) => [m.messageId, m]));
    await receiver.completeMessage(byId.get('c') as ServiceBusReceivedMessage);
    await receiver.abandonMessage(byId.get('b') as ServiceBusReceivedMessage); // delivery count 1
    await receiver.deadLetterMessage(byId.get('dead') as ServiceBusReceivedMessage, {
      deadLetterReason: 'Broken',
      deadLetterErrorDescription: 'kept across restarts',
    });
    // 'a' stays locked and unsettled when the broker stops.
    await c.createReceiver('facts', 'other', { receiveMode: 'receiveAndDelete' }).receiveMessages(1);
    const lastSeq = Math.max(
      ...got.map((m) => m.sequenceNumber?.toNumber() ?? 0),
      scheduledSeq?.toNumber() ?? 0,
    );

    c = await restart();
    const after = c.createReceiver('jobs');
    const back = await receiveCount(after, 2);
    expect(back.map((m) => m.messageId).sort()).toEqual(['a', 'b']);
    const a = back.find((m) => m.messageId === 'a');
    expect(a?.body).toBe('a');
    expect(a?.applicationProperties?.n).toBe(1);
    expect(back.find((m) => m.messageId === 'b')?.deliveryCount).toBe(1);
    for (const m of back) await after.completeMessage(m);

    const [dead] = await receiveCount(c.createReceiver('jobs', { subQueueType: 'deadLetter' }), 1);
    expect(dead?.messageId).toBe('dead');
    expect(dead?.deadLetterReason).toBe('Broken');
    expect(dead?.deadLetterErrorDescription).toBe('kept across restarts');

    // The subscription copy that was not consumed is still there; the consumed one is not.
    expect((await c.createReceiver('facts', 'keep').peekMessages(5)).map((m) => m.body)).toEqual(['fact']);
    expect(await c.createReceiver('facts', 'other').peekMessages(5)).toHaveLength(0);

    // Sequence numbers continue after the restart instead of starting over.
    await c.createSender('jobs').sendMessages({ body: 'new', messageId: 'new' });
    const [fresh] = await receiveCount(after, 1);
    expect(fresh?.messageId).toBe('new');
    expect(fresh?.sequenceNumber?.toNumber()).toBeGreaterThan(lastSeq);
    await after.completeMessage(fresh as ServiceBusReceivedMessage);

    // The scheduled message survived too, still scheduled, and shows up at its time.
    c = await restart();
    const peeked = await c.createReceiver('jobs').peekMessages(5);
    expect(peeked.map((m) => [m.messageId, m.state])).toEqual([['s', 'scheduled']]);
    const late = c.createReceiver('jobs');
    const [scheduled] = await receiveCount(late, 1, 5_000);
    expect(scheduled?.messageId).toBe('s');
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(scheduled?.sequenceNumber?.toNumber()).toBe(scheduledSeq?.toNumber());
    await late.completeMessage(scheduled as ServiceBusReceivedMessage);

    // Settled messages stay settled after yet another restart.
    c = await restart();
    expect(await c.createReceiver('jobs').peekMessages(10)).toHaveLength(0);
  });
});

import path from 'node:path';
import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBroker, startBroker } from '../servicebus/broker';
import { startHost } from './host';

interface Seen {
  fn: string;
  body: unknown;
  // biome-ignore lint/suspicious/noExplicitAny: trigger metadata is checked field by field.
  meta: Record<string, any>;
}

let broker: RunningBroker;
let host: Awaited<ReturnType<typeof startHost>>;
let client: ServiceBusClient;

const seen = async (): Promise<Seen[]> => (await fetch(`${host.url}/api/sb/seen`)).json() as Promise<Seen[]>;

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function drainDlq(queue: string, ms = 2000) {
  const r = client.createReceiver(queue, { subQueueType: 'deadLetter', receiveMode: 'receiveAndDelete' });
  const got = await r.receiveMessages(10, { maxWaitTimeInMs: ms });
  await r.close();
  return got;
}

beforeAll(async () => {
  broker = await startBroker({
    port: 0,
    entities: {
      queues: [
        { name: 'orders', maxDeliveryCount: 3, lockDurationSeconds: 1 },
        { name: 'batch', maxDeliveryCount: 3 },
      ],
      topics: [{ name: 'events', subscriptions: [{ name: 'audit', maxDeliveryCount: 3 }] }],
    },
  });
  host = await startHost({
    port: 0,
    hostJsonPath: path.join(__dirname, '..', '..', 'host.json'),
    log: () => {},
    apps: [
      {
        name: 'sbapp',
        dir: path.join(__dirname, 'fixtures', 'sbapp'),
        settings: { SERVICEBUS: broker.connectionString },
      },
    ],
  });
  client = new ServiceBusClient(broker.connectionString);
});

afterAll(async () => {
  await client?.close();
  await host?.stop();
  await broker?.stop();
});

describe('Service Bus trigger', () => {
  it('runs the function with the body and Azure trigger metadata, then completes the message', async () => {
    const sender = client.createSender('orders');
    await sender.sendMessages({
      body: { kpiId: 'k1', value: 3 },
      messageId: 'm-ok',
      subject: 'kpi.updated',
      correlationId: 'corr-1',
      contentType: 'application/json',
      applicationProperties: { tenantId: 'contoso', attempt: 1 },
    });
    await sender.close();
    const hit = await waitFor(async () => (await seen()).find((s) => s.meta.messageId === 'm-ok'));
    expect(hit.fn).toBe('orders');
    expect(hit.body).toEqual({ kpiId: 'k1', value: 3 });
    expect(hit.meta).toMatchObject({
      messageId: 'm-ok',
      deliveryCount: 1,
      subject: 'kpi.updated',
      label: 'kpi.updated',
      correlationId: 'corr-1',
      contentType: 'application/json',
      applicationProperties: { tenantId: 'contoso', attempt: 1 },
      userProperties: { tenantId: 'contoso', attempt: 1 },
    });
    expect(Date.parse(hit.meta.enqueuedTimeUtc)).toBeGreaterThan(Date.now() - 60_000);
    // Completed: nothing left to receive, nothing dead-lettered, never delivered twice.
    await new Promise((r) => setTimeout(r, 1500));
    const peek = client.createReceiver('orders');
    expect(await peek.peekMessages(10)).toHaveLength(0);
    await peek.close();
    expect((await seen()).filter((s) => s.meta.messageId === 'm-ok')).toHaveLength(1);
  });

  it('abandons on a throw, so the broker redelivers and dead-letters after maxDeliveryCount', async () => {
    const sender = client.createSender('orders');
    await sender.sendMessages({ body: { mode: 'fail' }, messageId: 'm-fail' });
    await sender.close();
    const attempts = await waitFor(async () => {
      const list = (await seen()).filter((s) => s.meta.messageId === 'm-fail');
      return list.length >= 3 ? list : undefined;
    });
    expect(attempts.map((a) => a.meta.deliveryCount)).toEqual([1, 2, 3]);
    const dead = await waitFor(async () => {
      const d = await drainDlq('orders', 1000);
      return d.find((m) => m.messageId === 'm-fail');
    });
    expect(dead.deadLetterReason).toBe('MaxDeliveryCountExceeded');
  });

  it('dead-letters at once with the reason of a DeadLetterError', async () => {
    const sender = client.createSender('orders');
    await sender.sendMessages({ body: { mode: 'dead' }, messageId: 'm-dead' });
    await sender.close();
    const dead = await waitFor(async () =>
      (await drainDlq('orders', 1000)).find((m) => m.messageId === 'm-dead'),
    );
    expect(dead.deadLetterReason).toBe('Validation');
    expect(dead.deadLetterErrorDescription).toBe('field kpiId is missing');
    expect((await seen()).filter((s) => s.meta.messageId === 'm-dead')).toHaveLength(1);
  });

  it('renews the lock of a handler that outlives the lock duration', async () => {
    const sender = client.createSender('orders');
    await sender.sendMessages({ body: { mode: 'slow' }, messageId: 'm-slow' });
    await sender.close();
    await waitFor(async () => (await seen()).find((s) => s.meta.messageId === 'm-slow'));
    // The handler runs 2.5 s with a 1 s lock: without renewal it would be redelivered.
    await new Promise((r) => setTimeout(r, 4000));
    expect((await seen()).filter((s) => s.meta.messageId === 'm-slow')).toHaveLength(1);
    expect(await drainDlq('orders', 500)).toHaveLength(0);
  });

  it('receives from a topic subscription', async () => {
    const sender = client.createSender('events');
    await sender.sendMessages({ body: 'plain text event', messageId: 'e-1' });
    await sender.close();
    const hit = await waitFor(async () => (await seen()).find((s) => s.meta.messageId === 'e-1'));
    expect(hit).toMatchObject({ fn: 'audit', body: 'plain text event' });
  });

  it('hands batches to a cardinality-many function', async () => {
    const sender = client.createSender('batch');
    await sender.sendMessages([
      { body: { n: 1 }, messageId: 'b1' },
      { body: { n: 2 }, messageId: 'b2' },
      { body: { n: 3 }, messageId: 'b3' },
    ]);
    await sender.close();
    const batches = await waitFor(async () => {
      const list = (await seen()).filter((s) => s.fn === 'batch');
      return list.flatMap((b) => b.body as unknown[]).length >= 3 ? list : undefined;
    });
    expect(batches.flatMap((b) => b.body as unknown[])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(batches.flatMap((b) => b.meta.messageIdArray)).toEqual(['b1', 'b2', 'b3']);
    expect(Array.isArray(batches[0]?.meta.deliveryCountArray)).toBe(true);
  });

  it('runs a Service Bus function from the admin API with the posted input as body', async () => {
    const r = await fetch(`${host.url}/admin/functions/orders?wait=true`, {
      method: 'POST',
      body: JSON.stringify({ input: '{"kpiId":"admin"}' }),
    });
    expect(r.status).toBe(200);
    const hit = (await seen()).find((s) => (s.body as { kpiId?: string }).kpiId === 'admin');
    expect(hit?.meta.deliveryCount).toBe(1);
    const list = host.functions().find((f) => f.name === 'audit');
    expect(list).toMatchObject({
      trigger: 'serviceBusTrigger',
      entity: 'events/Subscriptions/audit',
      connection: 'SERVICEBUS',
    });
  });
});

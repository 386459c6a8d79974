import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../local/net';
import { type RunningBroker, startBroker } from '../../../local/servicebus/broker';
import { ServiceBusEventPublisher, serviceBusClient } from './service-bus-publisher';

let broker: RunningBroker;
let publisher: ServiceBusEventPublisher;
let reader: ServiceBusClient;

beforeAll(async () => {
  broker = await startBroker({
    port: await freePort(),
    entities: {
      queues: [],
      topics: [
        {
          name: 'catalog-events',
          subscriptions: [{ name: 'monitoring', maxDeliveryCount: 3, lockDurationSeconds: 30 }],
        },
      ],
    },
  });
  const connection = { kind: 'connectionString' as const, value: broker.connectionString };
  publisher = ServiceBusEventPublisher.fromConnection(connection);
  expect(serviceBusClient(connection)).toBe(serviceBusClient({ ...connection }));
  reader = new ServiceBusClient(broker.connectionString);
});

afterAll(async () => {
  await publisher?.close();
  await reader?.close();
  await serviceBusClient({ kind: 'connectionString', value: broker.connectionString }).close();
  await broker?.stop();
});

describe('ServiceBusEventPublisher', () => {
  it('publishes the envelope with message id, subject, correlation id and type property', async () => {
    await publisher.publish('catalog-events', {
      type: 'catalog.published',
      subject: 'catalog-7',
      data: { catalogId: 'catalog-7', version: 2 },
      messageId: 'catalog.published:catalog-7:2',
      correlationId: 'req-1',
    });
    await publisher.publish('catalog-events', {
      type: 'catalog.published',
      data: { catalogId: 'c8', version: 1 },
    });

    const receiver = reader.createReceiver('catalog-events', 'monitoring');
    const got = await receiver.receiveMessages(2, { maxWaitTimeInMs: 5000 });
    expect(got).toHaveLength(2);
    const [first, second] = got;
    expect(first?.body).toMatchObject({
      type: 'catalog.published',
      subject: 'catalog-7',
      data: { catalogId: 'catalog-7', version: 2 },
    });
    expect(Date.parse(first?.body.time)).not.toBeNaN();
    expect(first?.messageId).toBe('catalog.published:catalog-7:2');
    expect(first?.subject).toBe('catalog-7');
    expect(first?.correlationId).toBe('req-1');
    expect(first?.applicationProperties?.type).toBe('catalog.published');
    expect(first?.contentType).toBe('application/json');
    expect(String(second?.messageId)).toMatch(/^[0-9a-f-]{36}$/);
    for (const m of got) await receiver.completeMessage(m);
    await receiver.close();
  });
});

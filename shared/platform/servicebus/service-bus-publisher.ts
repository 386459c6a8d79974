import { randomUUID } from 'node:crypto';
import { ServiceBusClient, type ServiceBusSender } from '@azure/service-bus';
import type { Connection } from '../config';
import { azureCredential, connectionKey } from '../identity';
import type { DomainEvent, EventPublisher } from './ports';

const clients = new Map<string, ServiceBusClient>();

/** One `ServiceBusClient` per connection per process (connection strings with `UseDevelopmentEmulator` work). */
export function serviceBusClient(connection: Connection): ServiceBusClient {
  const key = connectionKey(connection);
  let client = clients.get(key);
  if (!client) {
    client =
      connection.kind === 'identity'
        ? new ServiceBusClient(
            connection.endpoint.replace(/^\w+:\/\//, '').replace(/\/+$/, ''),
            azureCredential(),
          )
        : new ServiceBusClient(connection.value);
    clients.set(key, client);
  }
  return client;
}

/** `EventPublisher` on Service Bus; senders are cached per entity. */
export class ServiceBusEventPublisher implements EventPublisher {
  private readonly senders = new Map<string, ServiceBusSender>();

  constructor(private readonly client: ServiceBusClient) {}

  /** A publisher over the process-wide client of `connection`. */
  static fromConnection(connection: Connection): ServiceBusEventPublisher {
    return new ServiceBusEventPublisher(serviceBusClient(connection));
  }

  async publish(topic: string, event: DomainEvent): Promise<void> {
    let sender = this.senders.get(topic);
    if (!sender) {
      sender = this.client.createSender(topic);
      this.senders.set(topic, sender);
    }
    await sender.sendMessages({
      body: {
        type: event.type,
        ...(event.subject ? { subject: event.subject } : {}),
        data: event.data,
        time: new Date().toISOString(),
      },
      contentType: 'application/json',
      messageId: event.messageId ?? randomUUID(),
      ...(event.subject ? { subject: event.subject } : {}),
      ...(event.correlationId ? { correlationId: event.correlationId } : {}),
      applicationProperties: { type: event.type },
    });
  }

  /** Closes the senders (the shared client stays open for the process). */
  async close(): Promise<void> {
    const senders = [...this.senders.values()];
    this.senders.clear();
    await Promise.all(senders.map((s) => s.close()));
  }
}

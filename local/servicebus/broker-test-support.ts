import {
  ServiceBusClient,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
} from '@azure/service-bus';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from '../net';
import { type RunningBroker, startBroker } from './broker';
import type { EntitiesDeclaration } from './entities';

/** A broker with `entities` on a free port, and an SDK client of it, for the tests of one `describe`. */
export interface BrokerUnderTest {
  readonly broker: RunningBroker;
  readonly client: ServiceBusClient;
}

/** Starts the broker before the tests (beforeAll) and closes the client and stops it after them. */
export function useBroker(entities: EntitiesDeclaration): BrokerUnderTest {
  let broker: RunningBroker | undefined;
  let client: ServiceBusClient | undefined;
  beforeAll(async () => {
    broker = await startBroker({ port: await freePort(), entities });
    client = new ServiceBusClient(broker.connectionString);
  });
  afterAll(async () => {
    await client?.close();
    await broker?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the broker starts in beforeAll: use it inside tests');
    return value;
  };
  return {
    get broker() {
      return started(broker);
    },
    get client() {
      return started(client);
    },
  };
}

/** Receives until `count` messages arrived or `timeoutMs` passed (then returns what came). */
export async function receiveCount(
  receiver: ServiceBusReceiver,
  count: number,
  timeoutMs = 5_000,
): Promise<ServiceBusReceivedMessage[]> {
  const out: ServiceBusReceivedMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count && Date.now() < deadline) {
    const batch = await receiver.receiveMessages(count - out.length, {
      maxWaitTimeInMs: Math.max(50, deadline - Date.now()),
    });
    out.push(...batch);
  }
  return out;
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Text of a received body: the SDK gives strings back as strings, binaries as Buffers. */
export const bodyText = (m: ServiceBusReceivedMessage): string =>
  Buffer.isBuffer(m.body) ? m.body.toString('utf8') : String(m.body);

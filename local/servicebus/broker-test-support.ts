import type { ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';

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

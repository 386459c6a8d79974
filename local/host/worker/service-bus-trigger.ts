import {
  ServiceBusClient,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
  type ServiceBusReceiverOptions,
} from '@azure/service-bus';
import type { RpcTypedData } from './core-types';

/** host.json `extensions.serviceBus` values the trigger honours. */
export interface ServiceBusHostOptions {
  maxConcurrentCalls: number;
  maxAutoLockRenewalMs: number;
  maxMessageBatchSize: number;
}

/** The trigger binding options, as `app.serviceBusQueue/Topic` register them. */
export interface ServiceBusBinding {
  connection?: string;
  queueName?: string;
  topicName?: string;
  subscriptionName?: string;
  cardinality?: string;
  dataType?: string;
  isSessionsEnabled?: boolean;
}

/** Runs one invocation; resolves on success, rejects with the handler's error. */
export type RunInvocation = (
  data: RpcTypedData,
  triggerMetadata: Record<string, RpcTypedData>,
) => Promise<void>;

/** Body conversion of the host: UTF-8 text (the library then parses JSON), or bytes for dataType binary. */
export function messageBodyData(message: ServiceBusReceivedMessage, dataType?: string): RpcTypedData {
  const body: unknown = message.body;
  let bytes: Buffer | undefined;
  let text: string | undefined;
  if (Buffer.isBuffer(body)) bytes = body;
  else if (body instanceof Uint8Array) bytes = Buffer.from(body);
  else if (typeof body === 'string') text = body;
  // The SDK has already JSON-decoded a JSON body; re-encoding gives the same value after the library's parse.
  else text = body === undefined ? '' : JSON.stringify(body);
  if (dataType === 'binary') return { bytes: bytes ?? Buffer.from(text ?? '', 'utf8') };
  return { string: text ?? (bytes as Buffer).toString('utf8') };
}

const json = (v: unknown): RpcTypedData => ({ json: JSON.stringify(v) });
const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

/** Trigger metadata of one message, with the host's (PascalCase) names; the library camel-cases them. */
export function messageMetadata(m: ServiceBusReceivedMessage): Record<string, unknown> {
  const props = m.applicationProperties ?? {};
  const meta: Record<string, unknown> = {
    MessageId: m.messageId === undefined ? undefined : String(m.messageId),
    // The AMQP header counts earlier attempts (0 first); the host (.NET SDK) reports deliveries, 1 first.
    DeliveryCount: (m.deliveryCount ?? 0) + 1,
    SequenceNumber: m.sequenceNumber === undefined ? undefined : Number(m.sequenceNumber.toString()),
    EnqueuedTimeUtc: iso(m.enqueuedTimeUtc),
    EnqueuedTime: iso(m.enqueuedTimeUtc),
    ExpiresAtUtc: iso(m.expiresAtUtc),
    ExpiresAt: iso(m.expiresAtUtc),
    LockedUntilUtc: iso(m.lockedUntilUtc),
    LockToken: m.lockToken,
    ContentType: m.contentType,
    CorrelationId: m.correlationId === undefined ? undefined : String(m.correlationId),
    Subject: m.subject,
    Label: m.subject,
    To: m.to,
    ReplyTo: m.replyTo,
    SessionId: m.sessionId,
    ReplyToSessionId: m.replyToSessionId,
    PartitionKey: m.partitionKey,
    DeadLetterSource: m.deadLetterSource,
    ApplicationProperties: props,
    UserProperties: props,
  };
  for (const k of Object.keys(meta)) if (meta[k] === undefined) delete meta[k];
  return meta;
}

function toTyped(v: unknown): RpcTypedData {
  if (typeof v === 'string') return { string: v };
  if (typeof v === 'number' && Number.isInteger(v)) return { int: v };
  return json(v);
}

/** Single-message metadata as RPC typed data. */
export function singleTriggerMetadata(m: ServiceBusReceivedMessage): Record<string, RpcTypedData> {
  const out: Record<string, RpcTypedData> = {};
  for (const [k, v] of Object.entries(messageMetadata(m))) out[k] = toTyped(v);
  return out;
}

/** Batch metadata: each property as `<Name>Array`, as the host does for cardinality many. */
export function batchTriggerMetadata(ms: ServiceBusReceivedMessage[]): Record<string, RpcTypedData> {
  const metas = ms.map(messageMetadata);
  const keys = new Set(metas.flatMap((m) => Object.keys(m)));
  const out: Record<string, RpcTypedData> = {};
  for (const k of keys) out[`${k}Array`] = json(metas.map((m) => m[k] ?? null));
  return out;
}

/** An error the app throws to dead-letter the message at once (instead of abandoning it). */
function deadLetterInfo(
  err: unknown,
): { deadLetterReason: string; deadLetterErrorDescription: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as {
    name?: unknown;
    deadLetterReason?: unknown;
    deadLetterErrorDescription?: unknown;
    message?: unknown;
  };
  if (e.name !== 'DeadLetterError' && e.deadLetterReason === undefined) return undefined;
  return {
    deadLetterReason: String(e.deadLetterReason ?? e.message ?? 'DeadLetterError'),
    deadLetterErrorDescription: String(e.deadLetterErrorDescription ?? e.message ?? ''),
  };
}

/** Settles after the invocation: complete on success, dead-letter on DeadLetterError, abandon otherwise. */
async function settle(
  receiver: ServiceBusReceiver,
  ms: ServiceBusReceivedMessage[],
  err: unknown,
): Promise<void> {
  const dl = err === undefined ? undefined : deadLetterInfo(err);
  for (const m of ms) {
    if (err === undefined) await receiver.completeMessage(m);
    else if (dl) await receiver.deadLetterMessage(m, dl);
    else await receiver.abandonMessage(m);
  }
}

const clients = new Map<string, ServiceBusClient>();

function clientFor(connection: string, env: NodeJS.ProcessEnv): ServiceBusClient {
  const conn = env[connection];
  if (!conn) {
    const hint = env[`${connection}__fullyQualifiedNamespace`]
      ? ' Identity-based connections are not supported by the local host; set a connection string.'
      : '';
    throw new Error(`Service Bus connection setting '${connection}' is not set.${hint}`);
  }
  let client = clients.get(conn);
  if (!client) {
    client = new ServiceBusClient(conn);
    clients.set(conn, client);
  }
  return client;
}

/** A running trigger listener. */
export interface ServiceBusListener {
  entity: string;
  close(): Promise<void>;
}

/**
 * Listens on a queue or subscription with a peek-lock receiver and runs the function per message
 * (or per batch for cardinality many), settling as the host does with autoCompleteMessages.
 */
export function startServiceBusListener(
  binding: ServiceBusBinding,
  env: NodeJS.ProcessEnv,
  opts: ServiceBusHostOptions,
  run: RunInvocation,
  onError: (message: string) => void,
): ServiceBusListener {
  if (binding.isSessionsEnabled)
    throw new Error('Session-enabled Service Bus triggers are not supported locally.');
  const client = clientFor(binding.connection || 'AzureWebJobsServiceBus', env);
  const receiverOptions: ServiceBusReceiverOptions = {
    receiveMode: 'peekLock',
    maxAutoLockRenewalDurationInMs: opts.maxAutoLockRenewalMs,
  };
  let receiver: ServiceBusReceiver;
  let entity: string;
  if (binding.queueName) {
    entity = binding.queueName;
    receiver = client.createReceiver(binding.queueName, receiverOptions);
  } else if (binding.topicName && binding.subscriptionName) {
    entity = `${binding.topicName}/Subscriptions/${binding.subscriptionName}`;
    receiver = client.createReceiver(binding.topicName, binding.subscriptionName, receiverOptions);
  } else {
    throw new Error('A Service Bus trigger needs queueName, or topicName and subscriptionName.');
  }
  const settleSafely = (ms: ServiceBusReceivedMessage[], err: unknown) =>
    settle(receiver, ms, err).catch((e: Error) =>
      onError(`Settling message(s) on ${entity} failed: ${e.message}`),
    );

  if (binding.cardinality?.toLowerCase() === 'many') {
    let running = true;
    const loop = async () => {
      while (running) {
        let ms: ServiceBusReceivedMessage[] = [];
        try {
          ms = await receiver.receiveMessages(opts.maxMessageBatchSize, { maxWaitTimeInMs: 1000 });
        } catch (e) {
          if (!running) return;
          onError(`Receiving from ${entity} failed: ${(e as Error).message}`);
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        if (ms.length === 0) continue;
        const data: RpcTypedData =
          binding.dataType === 'binary'
            ? { collectionBytes: { bytes: ms.map((m) => messageBodyData(m, 'binary').bytes as Uint8Array) } }
            : { collectionString: { string: ms.map((m) => messageBodyData(m).string as string) } };
        let err: unknown;
        await run(data, batchTriggerMetadata(ms)).catch((e: unknown) => {
          err = e ?? new Error('Invocation failed');
        });
        await settleSafely(ms, err);
      }
    };
    const done = loop();
    return {
      entity,
      close: async () => {
        running = false;
        await done;
        await receiver.close();
      },
    };
  }

  const sub = receiver.subscribe(
    {
      processMessage: async (m) => {
        let err: unknown;
        await run(messageBodyData(m, binding.dataType), singleTriggerMetadata(m)).catch((e: unknown) => {
          err = e ?? new Error('Invocation failed');
        });
        await settleSafely([m], err);
      },
      processError: async (args) => {
        onError(`Service Bus receiver on ${entity} (${args.errorSource}): ${args.error.message}`);
      },
    },
    { autoCompleteMessages: false, maxConcurrentCalls: opts.maxConcurrentCalls },
  );
  return {
    entity,
    close: async () => {
      await sub.close();
      await receiver.close();
    },
  };
}

/** Closes the shared clients (on worker shutdown). */
export async function closeServiceBusClients(): Promise<void> {
  await Promise.all([...clients.values()].map((c) => c.close()));
  clients.clear();
}

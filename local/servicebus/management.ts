import rhea, { type Message } from 'rhea';
import {
  encodeStored,
  lockTokenBytes,
  lockTokenFromBytes,
  parseIncoming,
  toSequenceNumber,
} from './amqp-codec';
import type { EntityRegistry } from './entity-registry';
import type { LockResult, MessageQueue } from './message-queue';
import { messageState, type StoredMessage } from './stored-message';

/**
 * The `$management` request/response operations the SDK uses, and the `$cbs` token exchange.
 * Requests arrive on `<entity>/$management`; the response goes to the link named by `reply_to`,
 * correlated by the request's message id, with `statusCode` in the application properties
 * (200/204 success, 404/410/501 errors with an `error-condition`).
 */

interface Response {
  status: number;
  body?: unknown;
  condition?: string;
  description?: string;
}

type Body = Record<string, unknown>;

const ok = (body?: unknown): Response => ({ status: 200, body });
const fail = (status: number, condition: string, description: string): Response => ({
  status,
  condition,
  description,
});
const lockLost = (token: string) =>
  fail(
    410,
    'com.microsoft:message-lock-lost',
    `The lock supplied (${token}) is invalid: it expired or was settled.`,
  );
const entityNotFound = (path: string) =>
  fail(404, 'amqp:not-found', `The messaging entity '${path}' could not be found.`);

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function resultToResponse(result: LockResult, token: string): Response | undefined {
  if (result === 'lock-lost') return lockLost(token);
  if (result === 'not-allowed')
    return fail(400, 'amqp:not-allowed', 'Cannot dead-letter a dead-lettered message.');
  return undefined;
}

function stateOf(m: StoredMessage): number {
  if (m.visibleAt !== undefined) return messageState.scheduled;
  return m.deferred ? messageState.deferred : messageState.active;
}

function peek(registry: EntityRegistry, queue: MessageQueue, path: string, body: Body): Response {
  const from = toSequenceNumber(body['from-sequence-number'] ?? 1);
  const count = Number(body['message-count'] ?? 1);
  // A queue's scheduled messages are peekable too (state "scheduled"), as in Service Bus.
  const scheduled = registry.sendTarget(path)?.scheduler.messages() ?? [];
  const all = [...queue.peek(from, count), ...scheduled.filter((m) => m.seq >= from)]
    .sort((a, b) => a.seq - b.seq)
    .slice(0, count);
  if (!all.length) return { status: 204, description: 'No messages' };
  return ok({ messages: all.map((m) => ({ message: encodeStored(m, { state: stateOf(m) }) })) });
}

function settle(queue: MessageQueue, body: Body): Response {
  const status = String(body['disposition-status']);
  const props = (body['properties-to-modify'] as Record<string, unknown> | undefined) ?? undefined;
  for (const raw of asList(body['lock-tokens'])) {
    const token = lockTokenFromBytes(raw);
    let result: LockResult;
    if (status === 'completed') result = queue.complete(token);
    else if (status === 'abandoned') result = queue.abandon(token, props);
    else if (status === 'defered') result = queue.defer(token, props);
    else if (status === 'suspended') {
      result = queue.deadLetter(token, {
        reason: body['deadletter-reason'] as string | undefined,
        description: body['deadletter-description'] as string | undefined,
        properties: props,
      });
    } else return fail(400, 'amqp:invalid-field', `Unknown disposition-status '${status}'.`);
    const error = resultToResponse(result, token);
    if (error) return error;
  }
  return ok();
}

function receiveBySequenceNumber(queue: MessageQueue, body: Body): Response {
  const seqs = asList(body['sequence-numbers']).map(toSequenceNumber);
  const peekLock = Number(body['receiver-settle-mode'] ?? 1) === 1;
  const taken = queue.takeDeferred(seqs, peekLock);
  if (taken.length < seqs.length) {
    return fail(
      404,
      'com.microsoft:message-not-found',
      'A deferred message with that sequence number was not found.',
    );
  }
  return ok({
    messages: taken.map(({ message, lock }) => ({
      ...(lock ? { 'lock-token': rhea.types.wrap_uuid(lockTokenBytes(lock.token)) } : {}),
      message: encodeStored(message, { lockedUntil: lock?.until, state: messageState.deferred }),
    })),
  });
}

/** Runs one `$management` request against the entity at `path` (the link address minus `/$management`). */
export function runManagementOperation(registry: EntityRegistry, path: string, request: Message): Response {
  const operation = String(request.application_properties?.operation ?? '');
  const body = (request.body ?? {}) as Body;
  const queue = registry.receiveSource(path);
  const target = registry.sendTarget(path);
  switch (operation) {
    case 'com.microsoft:renew-lock': {
      if (!queue) return entityNotFound(path);
      const expirations: Date[] = [];
      for (const raw of asList(body['lock-tokens'])) {
        const token = lockTokenFromBytes(raw);
        const until = queue.renew(token);
        if (until === undefined) return lockLost(token);
        expirations.push(new Date(until));
      }
      return ok({ expirations });
    }
    case 'com.microsoft:peek-message':
      return queue ? peek(registry, queue, path, body) : entityNotFound(path);
    case 'com.microsoft:update-disposition':
      return queue ? settle(queue, body) : entityNotFound(path);
    case 'com.microsoft:receive-by-sequence-number':
      return queue ? receiveBySequenceNumber(queue, body) : entityNotFound(path);
    case 'com.microsoft:schedule-message': {
      if (!target) return entityNotFound(path);
      const seqs = asList(body.messages).map((entry) => {
        const incoming = parseIncoming((entry as Body).message as Buffer);
        return target.accept(incoming, incoming.scheduledAt);
      });
      return ok({ 'sequence-numbers': seqs });
    }
    case 'com.microsoft:cancel-scheduled-message': {
      if (!target) return entityNotFound(path);
      for (const seq of asList(body['sequence-numbers'])) target.scheduler.cancel(toSequenceNumber(seq));
      return ok();
    }
    default:
      return fail(501, 'amqp:not-implemented', `The local broker does not implement '${operation}'.`);
  }
}

/** The response message for a `$management` request. */
export function managementResponse(request: Message, r: Response): Message {
  const props: Record<string, unknown> = { statusCode: r.status, statusDescription: r.description ?? 'OK' };
  if (r.condition) props['error-condition'] = r.condition;
  return {
    correlation_id: request.message_id,
    application_properties: props,
    body: r.body ?? null,
  } as Message;
}

/**
 * The `$cbs` put-token response. Tokens are accepted without checking, like the Service Bus
 * emulator with `UseDevelopmentEmulator=true`.
 */
export function cbsResponse(request: Message): Message {
  const operation = request.application_properties?.operation;
  const accepted = operation === 'put-token';
  return {
    correlation_id: request.message_id,
    application_properties: {
      'status-code': accepted ? 202 : 501,
      'status-description': accepted ? 'Accepted' : `Unsupported $cbs operation '${String(operation)}'`,
    },
  } as unknown as Message;
}

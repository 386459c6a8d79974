/**
 * Wrapper for `app.serviceBusTopic/Queue` handlers: validates the message (poison → `DeadLetterError`),
 * skips effects already recorded, records the effect after success.
 *
 * At-least-once window: the effect key is checked before and recorded after the handler. A crash between the
 * effect and the record, or two deliveries racing (lock lost and redelivered while the first still runs),
 * can run the effect twice; only one record wins. So make the effect itself idempotent where it can be
 * (deterministic ids, upserts, ACS `idempotencyKey` for e-mail) — the store narrows the window, it cannot
 * close it.
 */
import type { InvocationContext } from '@azure/functions';
import type { output, ZodType } from 'zod';
import { invocationLogger, type Logger } from '../log';
import { DeadLetterError } from './dead-letter-error';
import type { EffectStore } from './ports';

/** What a message handler knows besides the message. */
export interface MessageMeta {
  messageId?: string;
  correlationId?: string;
  deliveryCount?: number;
  enqueuedTimeUtc?: string;
  context: InvocationContext;
  log: Logger;
}

export type Idempotency<T> =
  /** The effect key (e.g. `mail:${msg.data.alertId}:opened`) and where done effects are recorded. */
  | {
      key: (message: T, meta: MessageMeta) => string;
      /** The store, or a function that gets it (an app's async `dependencies()`: `async () => (await dependencies()).effects`). */
      store: EffectStore | (() => EffectStore | Promise<EffectStore>);
    }
  /** The handler is idempotent by construction (say why, e.g. "upserts state by id"). */
  | { inherent: string };

export interface ServiceBusHandlerOptions<S extends ZodType> {
  /** App name for logs. */
  app: string;
  schema: S;
  idempotency: Idempotency<output<S>>;
  handler: (message: output<S>, meta: MessageMeta) => Promise<void>;
}

/** The function to pass as `handler` to `app.serviceBusTopic` / `app.serviceBusQueue` (cardinality one). */
export function serviceBusHandler<S extends ZodType>(
  options: ServiceBusHandlerOptions<S>,
): (message: unknown, context: InvocationContext) => Promise<void> {
  return async (raw, context) => {
    const meta = metaOf(context, options.app);
    const message = parseMessage(options.schema, raw, meta.log);
    const idem = 'key' in options.idempotency ? options.idempotency : undefined;
    const store = idem && (typeof idem.store === 'function' ? await idem.store() : idem.store);
    const key = idem?.key(message, meta);
    if (store && key !== undefined) {
      if (await store.has(key)) {
        meta.log.info('effect already done; message skipped', { effectKey: key });
        return;
      }
    }
    await options.handler(message, meta);
    if (store && key !== undefined) {
      const outcome = await store.record(key, { messageId: meta.messageId, at: new Date().toISOString() });
      if (outcome === 'already-recorded')
        meta.log.warn('effect recorded concurrently by another delivery', { effectKey: key });
    }
  };
}

function parseMessage<S extends ZodType>(schema: S, raw: unknown, log: Logger): output<S> {
  let value = raw;
  if (typeof raw === 'string' || raw instanceof Uint8Array) {
    const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
    try {
      value = JSON.parse(text);
    } catch {
      log.warn('dead-lettering message: body is not JSON');
      throw new DeadLetterError('InvalidMessage', 'Message body is not JSON');
    }
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const description = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  log.warn('dead-lettering invalid message', { issues: description });
  throw new DeadLetterError('InvalidMessage', description);
}

function metaOf(context: InvocationContext, app: string): MessageMeta {
  const m = context.triggerMetadata ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const messageId = str(m.messageId);
  const log = invocationLogger(context, app, messageId ? { messageId } : undefined);
  return {
    messageId,
    correlationId: str(m.correlationId),
    deliveryCount: typeof m.deliveryCount === 'number' ? m.deliveryCount : undefined,
    enqueuedTimeUtc: str(m.enqueuedTimeUtc),
    context,
    log,
  };
}

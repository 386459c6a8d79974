import type { HeaderFields } from './amqp-codec';

/** Where a message is in its entity: Service Bus' `x-opt-message-state` values. */
export const messageState = { active: 0, deferred: 1, scheduled: 2 } as const;

/** One message as the broker keeps it (in memory and in the journal). */
export interface StoredMessage {
  /** Sequence number, unique within the entity (topic, queue) that accepted it. */
  seq: number;
  /** Enqueue time, ms since epoch (for scheduled messages: when they become visible). */
  enqueuedAt: number;
  /** Failed delivery attempts so far (the AMQP header's delivery-count). */
  deliveryCount: number;
  /** Set while scheduled: when the message becomes visible, ms since epoch. */
  visibleAt?: number;
  /** True once deferred; only receivable by sequence number then. */
  deferred?: boolean;
  messageId: string;
  header: HeaderFields;
  /** Raw message-annotations section as the sender sent it. */
  annotations?: Buffer;
  /** Raw properties, application-properties, body and footer sections. */
  bare: Buffer;
}

/** A copy sharing the (immutable) buffers, for fan-out and dead-lettering. */
export function copyMessage(m: StoredMessage): StoredMessage {
  return { ...m, header: { ...m.header } };
}

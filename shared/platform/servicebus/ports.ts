/** Ports for messaging: use cases depend on these, never on the Service Bus SDK. */

/** An event to publish. On the wire the message body is `{ type, subject?, data, time }` (JSON). */
export interface DomainEvent<D = unknown> {
  /** e.g. `catalog.published`; also set as the message's `type` application property. */
  type: string;
  /** What the event is about (e.g. a tenant or catalog id); set as the message's `subject`. */
  subject?: string;
  data: D;
  /** Set it to make publishing idempotent (Service Bus duplicate detection); default: a new UUID. */
  messageId?: string;
  correlationId?: string;
}

/** Publishes events to a topic (or queue). */
export interface EventPublisher {
  publish(topic: string, event: DomainEvent): Promise<void>;
}

/**
 * Remembers which effects (e-mail sent, status changed, recompute done) already happened, by key.
 * `record` is create-if-absent: of two concurrent records of one key exactly one returns `'recorded'`.
 */
export interface EffectStore {
  has(key: string): Promise<boolean>;
  record(key: string, info?: Readonly<Record<string, unknown>>): Promise<'recorded' | 'already-recorded'>;
}

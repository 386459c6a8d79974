/** In-memory implementations of the messaging ports, for unit tests of use cases and handlers. */
import type { DomainEvent, EffectStore, EventPublisher } from './ports';

/** Keeps published events in `published`, in order. */
export class MemoryEventPublisher implements EventPublisher {
  readonly published: { topic: string; event: DomainEvent }[] = [];
  async publish(topic: string, event: DomainEvent): Promise<void> {
    this.published.push({ topic, event: structuredClone(event) });
  }
}

/** Keeps effect keys in a map. */
export class MemoryEffectStore implements EffectStore {
  readonly effects = new Map<string, Readonly<Record<string, unknown>> | undefined>();
  async has(key: string): Promise<boolean> {
    return this.effects.has(key);
  }
  async record(
    key: string,
    info?: Readonly<Record<string, unknown>>,
  ): Promise<'recorded' | 'already-recorded'> {
    if (this.effects.has(key)) return 'already-recorded';
    this.effects.set(key, info);
    return 'recorded';
  }
}

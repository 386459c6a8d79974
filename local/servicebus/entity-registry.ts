import type { IncomingMessage } from './amqp-codec';
import { type EntitiesDeclaration, receiveSettings } from './entities';
import type { Journal, JournalState, Snapshot } from './journal';
import { MessageQueue } from './message-queue';
import { Scheduler } from './scheduler';
import { copyMessage, type StoredMessage } from './stored-message';

const deadLetterSuffix = '/$deadletterqueue';

/** Entity names are case-insensitive; addresses may arrive as full URLs (`amqps://host/queue`). */
export function normalizeAddress(address: string): string {
  return address
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '')
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/**
 * A queue or topic: where senders send. It numbers what it accepts, holds scheduled messages and
 * hands the rest to its queue (one) or to every subscription (fan-out, one copy each).
 */
export class SendTarget {
  counter = 0;
  readonly scheduler: Scheduler;

  constructor(
    readonly name: string,
    readonly kind: 'queue' | 'topic',
    /** The queue itself, or the topic's subscriptions. */
    readonly queues: MessageQueue[],
    journal: Journal,
  ) {
    this.scheduler = new Scheduler(`${name}/$scheduled`, journal, (m) => this.release(m));
  }

  /** Accepts one message: numbered now, visible now or at its scheduled time. Returns its sequence number. */
  accept(incoming: IncomingMessage, scheduledAt = incoming.scheduledAt): number {
    const now = Date.now();
    const m: StoredMessage = {
      seq: ++this.counter,
      enqueuedAt: now,
      deliveryCount: 0,
      messageId: incoming.messageId,
      header: incoming.header,
      annotations: incoming.annotations,
      bare: incoming.bare,
    };
    if (scheduledAt !== undefined && scheduledAt > now)
      this.scheduler.schedule({ ...m, visibleAt: scheduledAt });
    else this.release(m);
    return m.seq;
  }

  private release(m: StoredMessage): void {
    for (const q of this.queues) q.enqueue(copyMessage(m));
  }
}

/** Every store the broker serves, built from the entities declaration and restored from the journal. */
export class EntityRegistry {
  private readonly targets = new Map<string, SendTarget>();
  private readonly sources = new Map<string, MessageQueue>();

  constructor(declaration: EntitiesDeclaration, journal: Journal) {
    const receivable = (path: string, settings: ReturnType<typeof receiveSettings>) => {
      const dlq = new MessageQueue(`${path}${deadLetterSuffix}`, settings, journal);
      const main = new MessageQueue(path, settings, journal, dlq);
      this.sources.set(main.store, main);
      this.sources.set(dlq.store, dlq);
      return main;
    };
    for (const q of declaration.queues) {
      const name = normalizeAddress(q.name);
      this.targets.set(name, new SendTarget(name, 'queue', [receivable(name, receiveSettings(q))], journal));
    }
    for (const t of declaration.topics) {
      const name = normalizeAddress(t.name);
      const subs = t.subscriptions.map((s) =>
        receivable(`${name}/subscriptions/${normalizeAddress(s.name)}`, receiveSettings(s)),
      );
      this.targets.set(name, new SendTarget(name, 'topic', subs, journal));
    }
    journal.setSnapshotSource(() => this.snapshot());
  }

  /** Where a sender link with this target address sends, if it is a queue or topic. */
  sendTarget(address: string): SendTarget | undefined {
    return this.targets.get(normalizeAddress(address));
  }

  /** What a receiver link with this source address receives from: queue, subscription or dead-letter queue. */
  receiveSource(address: string): MessageQueue | undefined {
    return this.sources.get(normalizeAddress(address));
  }

  /** Re-creates the stored state; stores of entities no longer declared are dropped. */
  restore(state: JournalState): void {
    for (const [store, messages] of state.stores) {
      const target = store.endsWith('/$scheduled')
        ? this.targets.get(store.slice(0, -'/$scheduled'.length))
        : undefined;
      const queue = this.sources.get(store);
      for (const m of messages.values()) {
        if (target) target.scheduler.restore(m);
        else queue?.restore(m);
      }
    }
    for (const target of this.targets.values()) {
      let max = state.counters.get(target.name) ?? 0;
      for (const m of target.scheduler.messages()) max = Math.max(max, m.seq);
      for (const q of target.queues) {
        for (const store of [q, q.deadLetterQueue]) {
          for (const m of store?.messages() ?? []) max = Math.max(max, m.seq);
        }
      }
      target.counter = max;
    }
  }

  /** Everything live, for journal compaction. */
  snapshot(): Snapshot {
    const stores: [string, Iterable<StoredMessage>][] = [];
    for (const q of this.sources.values()) stores.push([q.store, [...q.messages()]]);
    for (const t of this.targets.values()) stores.push([t.scheduler.store, t.scheduler.messages()]);
    return {
      stores,
      counters: [...this.targets.values()].map((t) => [t.name, t.counter] as [string, number]),
    };
  }

  close(): void {
    for (const q of this.sources.values()) q.close();
    for (const t of this.targets.values()) t.scheduler.close();
  }
}

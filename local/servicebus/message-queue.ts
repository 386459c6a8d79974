import { newLockToken, withApplicationProperties } from './amqp-codec';
import type { ReceiveSettings } from './entities';
import type { Journal } from './journal';
import { copyMessage, type StoredMessage } from './stored-message';

/** A receiver link (or anything else) that takes messages from a queue. */
export interface Consumer {
  /** How many more messages it can take right now (its link credit not yet used). */
  credit(): number;
  readonly peekLock: boolean;
  deliver(m: StoredMessage, lock: Lock | undefined): void;
}

/** A peek-lock: the message is invisible to others until settled or until `until`. */
export interface Lock {
  token: string;
  message: StoredMessage;
  until: number;
  timer: NodeJS.Timeout;
}

/** Outcome of a settlement or lock operation on a lock token. */
export type LockResult = 'ok' | 'lock-lost' | 'not-allowed';

/** Application properties the SDK reads `deadLetterReason` / `deadLetterErrorDescription` from. */
export interface DeadLetterInfo {
  reason?: string;
  description?: string;
  properties?: Record<string, unknown>;
}

/**
 * One receivable message store: a queue, a subscription or a dead-letter queue. Messages are handed
 * to consumers in sequence-number order (an abandoned message goes back to its place), round-robin
 * over the consumers that have credit (competing consumers).
 */
export class MessageQueue {
  private active: StoredMessage[] = [];
  private readonly deferred = new Map<number, StoredMessage>();
  private readonly locks = new Map<string, Lock>();
  private consumers: Consumer[] = [];
  private next = 0;
  private pumping = false;

  constructor(
    /** Lower-case address, also the journal's name for this store. */
    readonly store: string,
    private readonly settings: ReceiveSettings,
    private readonly journal: Journal,
    /** The dead-letter sub-queue; absent for a dead-letter queue itself. */
    readonly deadLetterQueue?: MessageQueue,
  ) {}

  /** Puts back a message read from the journal (not journalled again). */
  restore(m: StoredMessage): void {
    if (m.deferred) this.deferred.set(m.seq, m);
    else this.insertActive(m);
  }

  /** Adds a new message and hands it out if someone is waiting. */
  enqueue(m: StoredMessage): void {
    this.journal.put(this.store, m);
    this.insertActive(m);
    this.pump();
  }

  addConsumer(c: Consumer): void {
    this.consumers.push(c);
    this.pump();
  }

  removeConsumer(c: Consumer): void {
    this.consumers = this.consumers.filter((x) => x !== c);
  }

  /** Hands out available messages while some consumer has credit. */
  pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.active.length) {
        const consumer = this.nextConsumerWithCredit();
        if (!consumer) break;
        const m = this.active.shift() as StoredMessage;
        if (consumer.peekLock) consumer.deliver(m, this.lock(m));
        else {
          this.journal.delete(this.store, m.seq);
          consumer.deliver(m, undefined);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  complete(token: string): LockResult {
    const lock = this.unlock(token);
    if (!lock) return 'lock-lost';
    this.journal.delete(this.store, lock.message.seq);
    return 'ok';
  }

  /** Abandon: back to the queue with one more delivery counted (or dead-lettered past the maximum). */
  abandon(token: string, properties?: Record<string, unknown>): LockResult {
    const lock = this.unlock(token);
    if (!lock) return 'lock-lost';
    if (properties && Object.keys(properties).length) {
      lock.message.bare = withApplicationProperties(lock.message.bare, properties);
      this.journal.put(this.store, lock.message);
    }
    this.countFailedDelivery(lock.message);
    return 'ok';
  }

  deadLetter(token: string, info: DeadLetterInfo): LockResult {
    if (!this.deadLetterQueue) return this.locks.has(token) ? 'not-allowed' : 'lock-lost';
    const lock = this.unlock(token);
    if (!lock) return 'lock-lost';
    this.moveToDeadLetter(lock.message, info);
    return 'ok';
  }

  /** Defer: kept aside, receivable only by sequence number. */
  defer(token: string, properties?: Record<string, unknown>): LockResult {
    const lock = this.unlock(token);
    if (!lock) return 'lock-lost';
    const m = lock.message;
    if (properties && Object.keys(properties).length) m.bare = withApplicationProperties(m.bare, properties);
    m.deferred = true;
    this.deferred.set(m.seq, m);
    this.journal.put(this.store, m);
    return 'ok';
  }

  /** Extends a lock by the lock duration; undefined when the lock is gone. */
  renew(token: string): number | undefined {
    const lock = this.locks.get(token);
    if (!lock) return undefined;
    clearTimeout(lock.timer);
    lock.until = Date.now() + this.settings.lockMs;
    lock.timer = this.lockTimer(token);
    return lock.until;
  }

  /** Locks deferred messages by sequence number (receiveDeferredMessages); unknown numbers are skipped. */
  takeDeferred(seqs: number[], peekLock: boolean): { message: StoredMessage; lock?: Lock }[] {
    const out: { message: StoredMessage; lock?: Lock }[] = [];
    for (const seq of seqs) {
      const m = this.deferred.get(seq);
      if (!m) continue;
      this.deferred.delete(seq);
      if (peekLock) out.push({ message: m, lock: this.lock(m) });
      else {
        this.journal.delete(this.store, seq);
        out.push({ message: m });
      }
    }
    return out;
  }

  /** Messages in the store (active, locked, deferred) from `fromSeq` on, in order, without locking. */
  peek(fromSeq: number, count: number): StoredMessage[] {
    return [...this.messages()]
      .filter((m) => m.seq >= fromSeq)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, count);
  }

  /** Every message the store holds, for snapshots. */
  *messages(): Iterable<StoredMessage> {
    yield* this.active;
    yield* this.deferred.values();
    for (const l of this.locks.values()) yield l.message;
  }

  lockedUntil(token: string): number | undefined {
    return this.locks.get(token)?.until;
  }

  /** Stops lock timers (shutdown). */
  close(): void {
    for (const l of this.locks.values()) clearTimeout(l.timer);
    this.locks.clear();
    this.consumers = [];
  }

  private nextConsumerWithCredit(): Consumer | undefined {
    const n = this.consumers.length;
    for (let i = 0; i < n; i++) {
      const c = this.consumers[(this.next + i) % n] as Consumer;
      if (c.credit() > 0) {
        this.next = (this.next + i + 1) % n;
        return c;
      }
    }
    return undefined;
  }

  private insertActive(m: StoredMessage): void {
    let lo = 0;
    let hi = this.active.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.active[mid] as StoredMessage).seq < m.seq) lo = mid + 1;
      else hi = mid;
    }
    this.active.splice(lo, 0, m);
  }

  private lock(m: StoredMessage): Lock {
    const token = newLockToken();
    const lock: Lock = {
      token,
      message: m,
      until: Date.now() + this.settings.lockMs,
      timer: this.lockTimer(token),
    };
    this.locks.set(token, lock);
    return lock;
  }

  private lockTimer(token: string): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const lock = this.unlock(token);
      if (lock) this.countFailedDelivery(lock.message);
    }, this.settings.lockMs);
    timer.unref();
    return timer;
  }

  private unlock(token: string): Lock | undefined {
    const lock = this.locks.get(token);
    if (!lock) return undefined;
    clearTimeout(lock.timer);
    this.locks.delete(token);
    return lock;
  }

  private countFailedDelivery(m: StoredMessage): void {
    m.deliveryCount += 1;
    if (this.deadLetterQueue && m.deliveryCount >= this.settings.maxDeliveryCount) {
      this.moveToDeadLetter(m, {
        reason: 'MaxDeliveryCountExceeded',
        description: `Message could not be consumed after ${this.settings.maxDeliveryCount} delivery attempts.`,
      });
      return;
    }
    this.journal.deliveryCount(this.store, m.seq, m.deliveryCount);
    // A deferred message stays deferred when its lock ends, as in Service Bus.
    if (m.deferred) {
      this.deferred.set(m.seq, m);
      return;
    }
    this.insertActive(m);
    this.pump();
  }

  private moveToDeadLetter(m: StoredMessage, info: DeadLetterInfo): void {
    const dlq = this.deadLetterQueue as MessageQueue;
    this.journal.delete(this.store, m.seq);
    const dead = copyMessage(m);
    dead.deferred = undefined;
    dead.bare = withApplicationProperties(m.bare, {
      ...info.properties,
      DeadLetterReason: info.reason,
      DeadLetterErrorDescription: info.description,
    });
    dlq.enqueue(dead);
  }
}

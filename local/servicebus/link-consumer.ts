import { randomBytes } from 'node:crypto';
import rhea, { type Delivery, type Sender } from 'rhea';
import { deliveryTagFor, encodeStored } from './amqp-codec';
import type { Consumer, Lock, LockResult, MessageQueue } from './message-queue';
import type { StoredMessage } from './stored-message';

/** rhea keeps link credit bookkeeping in fields its typings do not declare. */
interface SenderInternals {
  credit: number;
  delivery_count: number;
  _draining: boolean;
  _drained: boolean;
  _get_drain(): boolean;
}

interface OutcomeState {
  undeliverable_here?: boolean;
  message_annotations?: Record<string, unknown>;
  error?: { condition?: string; description?: string; info?: Record<string, unknown> };
}

const deadLetterCondition = 'com.microsoft:dead-letter';

type Outcome = 'accepted' | 'released' | 'modified' | 'rejected';
const outcomes = rhea.message as unknown as Record<Outcome, (fields: object) => { described(): unknown }>;

/**
 * A client's receiver link, seen from the broker: an outgoing link that takes messages from one
 * queue within the credit the client granted, and turns the client's dispositions into settlements.
 */
export class LinkConsumer implements Consumer {
  readonly peekLock: boolean;
  /** Messages handed to rhea on this link (sent or still queued), plus credit given up by drains. */
  private used = 0;
  private readonly tokens = new Map<number, string>();

  constructor(
    readonly sender: Sender,
    readonly queue: MessageQueue,
  ) {
    // snd-settle-mode 1 (settled) is receiveAndDelete; anything else is peek-lock.
    this.peekLock = sender.snd_settle_mode !== 1;
    const internals = sender as unknown as SenderInternals;
    // rhea answers a drain only while credit is left; Service Bus answers every drain request, and
    // the SDK closes its link when no answer comes. So the drain answer is sent whenever asked for.
    internals._get_drain = function (this: SenderInternals) {
      if (!(this._draining && this._drained)) return false;
      this.delivery_count += this.credit;
      this.credit = 0;
      this._drained = false;
      return true;
    };
    sender.on('sendable', () => queue.pump());
    sender.on('sender_flow', () => queue.pump());
    sender.on('sender_draining', () => this.drain());
    sender.on('accepted', (ctx) => this.settle(ctx.delivery, 'accepted', (t) => queue.complete(t)));
    sender.on('released', (ctx) => this.settle(ctx.delivery, 'released', (t) => queue.abandon(t)));
    sender.on('modified', (ctx) => {
      const state = (ctx.delivery?.remote_state ?? {}) as OutcomeState;
      const props = state.message_annotations;
      this.settle(ctx.delivery, 'modified', (t) =>
        state.undeliverable_here ? queue.defer(t, props) : queue.abandon(t, props),
      );
    });
    sender.on('rejected', (ctx) => {
      const error = ((ctx.delivery?.remote_state ?? {}) as OutcomeState).error;
      const info = { ...(error?.info ?? {}) };
      const reason = info.DeadLetterReason as string | undefined;
      const description = info.DeadLetterErrorDescription as string | undefined;
      delete info.DeadLetterReason;
      delete info.DeadLetterErrorDescription;
      this.settle(ctx.delivery, 'rejected', (t) =>
        error?.condition === deadLetterCondition || error?.condition === undefined
          ? queue.deadLetter(t, { reason, description, properties: info })
          : queue.abandon(t),
      );
    });
  }

  /** Credit granted by the client and not yet used by a delivery. */
  credit(): number {
    if (!this.sender.is_open()) return 0;
    const s = this.sender as unknown as SenderInternals;
    return Math.max(0, s.credit + s.delivery_count - this.used);
  }

  deliver(m: StoredMessage, lock: Lock | undefined): void {
    const tag = lock ? deliveryTagFor(lock.token) : randomBytes(16);
    const delivery = this.sender.send(encodeStored(m, { lockedUntil: lock?.until }), tag, 0);
    this.used += 1;
    if (lock) this.tokens.set(delivery.id, lock.token);
  }

  /** The client asked to drain: send what is available, then give up the rest of the credit. */
  private drain(): void {
    this.queue.pump();
    this.used += this.credit();
    (this.sender as unknown as SenderInternals)._drained = true;
    this.sender.set_drained(true);
  }

  /**
   * Applies the client's outcome and settles the delivery, which completes the SDK's settle call.
   * Success is answered with the same kind of outcome (without an error: the SDK fails the call
   * when the settled state carries one); a lost lock with a rejected outcome carrying the error.
   */
  private settle(delivery: Delivery | undefined, kind: Outcome, apply: (token: string) => LockResult): void {
    if (!delivery) return;
    const token = this.tokens.get(delivery.id);
    this.tokens.delete(delivery.id);
    const result: LockResult = token === undefined ? 'lock-lost' : apply(token);
    if (result === 'ok') {
      delivery.update(true, outcomes[kind]({}).described());
      return;
    }
    const error =
      result === 'lock-lost'
        ? {
            condition: 'com.microsoft:message-lock-lost',
            description: 'The lock on the message expired or was lost.',
          }
        : {
            condition: 'amqp:not-allowed',
            description: 'Cannot dead-letter a message in a dead-letter queue.',
          };
    delivery.update(true, outcomes.rejected({ error }).described());
  }
}

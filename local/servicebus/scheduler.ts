import type { Journal } from './journal';
import type { StoredMessage } from './stored-message';

// setTimeout cannot wait longer than this; later messages re-arm their timer.
const maxTimerMs = 2_147_483_647;

/** Scheduled messages of one queue or topic, released to it when their time comes. */
export class Scheduler {
  private readonly items = new Map<number, { message: StoredMessage; timer: NodeJS.Timeout }>();

  constructor(
    /** Journal store name, `<entity>/$scheduled`. */
    readonly store: string,
    private readonly journal: Journal,
    private readonly release: (m: StoredMessage) => void,
  ) {}

  /** Holds a message (with `visibleAt` set) until its time. */
  schedule(m: StoredMessage): void {
    this.journal.put(this.store, m);
    this.arm(m);
  }

  /** Puts back a scheduled message read from the journal (released at once if overdue). */
  restore(m: StoredMessage): void {
    this.arm(m);
  }

  /** Cancels a scheduled message; false when there is none with that sequence number. */
  cancel(seq: number): boolean {
    const item = this.items.get(seq);
    if (!item) return false;
    clearTimeout(item.timer);
    this.items.delete(seq);
    this.journal.delete(this.store, seq);
    return true;
  }

  messages(): StoredMessage[] {
    return [...this.items.values()].map((i) => i.message);
  }

  close(): void {
    for (const i of this.items.values()) clearTimeout(i.timer);
    this.items.clear();
  }

  private arm(m: StoredMessage): void {
    const wait = Math.max(0, (m.visibleAt ?? 0) - Date.now());
    const timer = setTimeout(() => this.due(m.seq), Math.min(wait, maxTimerMs));
    timer.unref();
    this.items.set(m.seq, { message: m, timer });
  }

  private due(seq: number): void {
    const item = this.items.get(seq);
    if (!item) return;
    if ((item.message.visibleAt ?? 0) > Date.now()) {
      this.arm(item.message);
      return;
    }
    this.items.delete(seq);
    this.journal.delete(this.store, seq);
    const m = item.message;
    m.enqueuedAt = m.visibleAt ?? Date.now();
    m.visibleAt = undefined;
    this.release(m);
  }
}

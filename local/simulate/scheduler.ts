/**
 * One timer for a whole fleet: jobs wait in a binary min-heap by due time and a single `setTimeout` is
 * armed for the earliest. 5,000 deployments therefore cost one timer instead of 5,000 intervals, and the
 * order of jobs due at the same moment is stable (by the sequence they were scheduled in).
 */

interface Entry {
  at: number;
  seq: number;
  run: () => void;
}

/** A min-heap of entries by (at, seq). Exported for unit tests. */
export class DueQueue {
  private readonly heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The earliest due time, or undefined when empty. */
  peek(): number | undefined {
    return this.heap[0]?.at;
  }

  push(at: number, run: () => void): void {
    this.heap.push({ at, seq: this.seq++, run });
    this.up(this.heap.length - 1);
  }

  /** Removes and returns the earliest entry's job if it is due at `now`. */
  popDue(now: number): (() => void) | undefined {
    const top = this.heap[0];
    if (!top || top.at > now) return undefined;
    const last = this.heap.pop() as Entry;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top.run;
  }

  clear(): void {
    this.heap.length = 0;
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a] as Entry;
    const y = this.heap[b] as Entry;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a] as Entry;
    this.heap[a] = this.heap[b] as Entry;
    this.heap[b] = t;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.less(l, m)) m = l;
      if (r < this.heap.length && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

/** Runs jobs at absolute times (ms since the epoch) off one timer. */
export class Scheduler {
  private readonly queue = new DueQueue();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(private readonly now: () => number = Date.now) {}

  get pending(): number {
    return this.queue.size;
  }

  /** Runs `job` at `at` (or as soon as possible if that has passed). */
  at(at: number, job: () => void): void {
    if (this.stopped) return;
    this.queue.push(at, job);
    if (at < this.armedFor) this.arm();
  }

  /** Drops every pending job; later `at()` calls are ignored. */
  stop(): void {
    this.stopped = true;
    this.queue.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    const next = this.queue.peek();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    if (next === undefined || this.stopped) return;
    this.armedFor = next;
    this.timer = setTimeout(() => this.fire(), Math.max(0, next - this.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = this.now();
    for (let job = this.queue.popDue(now); job; job = this.queue.popDue(now)) job();
    this.arm();
  }
}

import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { StoredMessage } from './stored-message';

/**
 * Persistence: an append-only journal of JSON lines under `dataDir`, rewritten as a snapshot when it
 * has grown well past the live data. Records written in one event-loop turn go out in one write;
 * there is no fsync per write (a local stand-in trades crash durability for speed), but stop()
 * flushes everything. Locks are not journalled: a message locked at shutdown is available again
 * after a restart, as after a lock expiry (without counting a delivery).
 */

interface SerializedMessage {
  seq: number;
  at: number;
  dc: number;
  vis?: number;
  def?: boolean;
  id: string;
  h: StoredMessage['header'];
  ann?: string;
  bare: string;
}

type JournalRecord =
  | { op: 'put'; store: string; m: SerializedMessage }
  | { op: 'del'; store: string; seq: number }
  | { op: 'dc'; store: string; seq: number; dc: number }
  | { op: 'seq'; entity: string; n: number };

/** What a journal held when it was opened: messages per store and sequence counters per entity. */
export interface JournalState {
  stores: Map<string, Map<number, StoredMessage>>;
  counters: Map<string, number>;
}

/** Everything live, for a compaction snapshot. */
export interface Snapshot {
  stores: Iterable<[string, Iterable<StoredMessage>]>;
  counters: Iterable<[string, number]>;
}

const compactAfterRecords = 20_000;

function serialize(m: StoredMessage): SerializedMessage {
  return {
    seq: m.seq,
    at: m.enqueuedAt,
    dc: m.deliveryCount,
    vis: m.visibleAt,
    def: m.deferred || undefined,
    id: m.messageId,
    h: m.header,
    ann: m.annotations?.toString('base64'),
    bare: m.bare.toString('base64'),
  };
}

function deserialize(s: SerializedMessage): StoredMessage {
  return {
    seq: s.seq,
    enqueuedAt: s.at,
    deliveryCount: s.dc,
    visibleAt: s.vis,
    deferred: s.def,
    messageId: s.id,
    header: s.h,
    annotations: s.ann === undefined ? undefined : Buffer.from(s.ann, 'base64'),
    bare: Buffer.from(s.bare, 'base64'),
  };
}

function replay(text: string): JournalState {
  const state: JournalState = { stores: new Map(), counters: new Map() };
  const store = (name: string) => {
    const existing = state.stores.get(name);
    if (existing) return existing;
    const created = new Map<number, StoredMessage>();
    state.stores.set(name, created);
    return created;
  };
  for (const line of text.split('\n')) {
    if (!line) continue;
    let r: JournalRecord;
    try {
      r = JSON.parse(line) as JournalRecord;
    } catch {
      continue; // a torn last line after a crash: the record never completed
    }
    if (r.op === 'put') store(r.store).set(r.m.seq, deserialize(r.m));
    else if (r.op === 'del') state.stores.get(r.store)?.delete(r.seq);
    else if (r.op === 'dc') {
      const m = state.stores.get(r.store)?.get(r.seq);
      if (m) m.deliveryCount = r.dc;
    } else if (r.op === 'seq') state.counters.set(r.entity, Math.max(state.counters.get(r.entity) ?? 0, r.n));
  }
  return state;
}

/** The broker's journal; without a data dir every method is a no-op (memory only). */
export class Journal {
  private pending: string[] = [];
  private scheduled = false;
  private fd: number | undefined;
  private recordsSinceCompaction = 0;
  private snapshot: (() => Snapshot) | undefined;

  private constructor(private readonly file: string | undefined) {}

  /** Opens (creating) the journal in `dataDir` and returns what it holds. */
  static open(dataDir: string | undefined): { journal: Journal; state: JournalState } {
    if (!dataDir)
      return { journal: new Journal(undefined), state: { stores: new Map(), counters: new Map() } };
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'servicebus-journal.jsonl');
    const state = existsSync(file)
      ? replay(readFileSync(file, 'utf8'))
      : { stores: new Map(), counters: new Map() };
    const journal = new Journal(file);
    journal.fd = openSync(file, 'a');
    return { journal, state };
  }

  /** Gives the journal a way to read the live state, used to compact it. */
  setSnapshotSource(source: () => Snapshot): void {
    this.snapshot = source;
  }

  put(store: string, m: StoredMessage): void {
    this.append({ op: 'put', store, m: serialize(m) });
  }
  delete(store: string, seq: number): void {
    this.append({ op: 'del', store, seq });
  }
  deliveryCount(store: string, seq: number, dc: number): void {
    this.append({ op: 'dc', store, seq, dc });
  }

  /** Writes a snapshot of the live state now, replacing the journal. */
  compact(): void {
    if (!this.file || !this.snapshot) return;
    this.flush(false);
    const snap = this.snapshot();
    const lines: string[] = [];
    for (const [entity, n] of snap.counters) lines.push(JSON.stringify({ op: 'seq', entity, n }));
    for (const [store, messages] of snap.stores) {
      for (const m of messages) lines.push(JSON.stringify({ op: 'put', store, m: serialize(m) }));
    }
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    writeSync(fd, lines.length ? `${lines.join('\n')}\n` : '');
    fsyncSync(fd);
    closeSync(fd);
    if (this.fd !== undefined) closeSync(this.fd);
    renameSync(tmp, this.file);
    this.fd = openSync(this.file, 'a');
    this.recordsSinceCompaction = 0;
  }

  /** Writes pending records and closes the file. */
  close(): void {
    this.flush(false);
    if (this.fd !== undefined) {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private append(r: JournalRecord): void {
    if (this.fd === undefined) return;
    this.pending.push(JSON.stringify(r));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(mayCompact = true): void {
    this.scheduled = false;
    if (this.fd === undefined || !this.pending.length) return;
    const lines = this.pending;
    this.pending = [];
    writeSync(this.fd, `${lines.join('\n')}\n`);
    this.recordsSinceCompaction += lines.length;
    if (mayCompact && this.recordsSinceCompaction > compactAfterRecords) this.compact();
  }
}

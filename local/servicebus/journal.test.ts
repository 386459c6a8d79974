import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from './journal';
import type { StoredMessage } from './stored-message';

const message = (seq: number, body = `m${seq}`): StoredMessage => ({
  seq,
  enqueuedAt: 1000 + seq,
  deliveryCount: 0,
  messageId: `id-${seq}`,
  header: { ttl: 60_000 },
  annotations: Buffer.from([1, 2, 3]),
  bare: Buffer.from(body),
});

const flush = () => new Promise((r) => setImmediate(r));

describe('Journal', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'kpi-journal-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('replays puts, deletes and delivery counts in order', async () => {
    const dir = newDir();
    const { journal } = Journal.open(dir);
    journal.put('q', message(1));
    journal.put('q', message(2));
    journal.put('q/$deadletterqueue', message(3));
    journal.delete('q', 1);
    journal.deliveryCount('q', 2, 4);
    await flush();
    journal.close();
    const { journal: again, state } = Journal.open(dir);
    again.close();
    expect([...(state.stores.get('q')?.keys() ?? [])]).toEqual([2]);
    const m2 = state.stores.get('q')?.get(2);
    expect(m2?.deliveryCount).toBe(4);
    expect(m2?.bare.toString()).toBe('m2');
    expect(m2?.annotations).toEqual(Buffer.from([1, 2, 3]));
    expect(m2?.header).toEqual({ ttl: 60_000 });
    expect(state.stores.get('q/$deadletterqueue')?.get(3)?.messageId).toBe('id-3');
  });

  it('ignores a torn last line left by a crash', async () => {
    const dir = newDir();
    const { journal } = Journal.open(dir);
    journal.put('q', message(1));
    await flush();
    journal.close();
    appendFileSync(join(dir, 'servicebus-journal.jsonl'), '{"op":"put","store":"q","m":{"seq":2');
    const { journal: again, state } = Journal.open(dir);
    again.close();
    expect([...(state.stores.get('q')?.keys() ?? [])]).toEqual([1]);
  });

  it('compacts to a snapshot of the live state, keeping sequence counters', () => {
    const dir = newDir();
    const { journal } = Journal.open(dir);
    for (let i = 1; i <= 5; i++) journal.put('q', message(i));
    for (let i = 1; i <= 4; i++) journal.delete('q', i);
    journal.setSnapshotSource(() => ({ stores: [['q', [message(5)]]], counters: [['q', 9]] }));
    journal.compact();
    journal.close();
    const lines = readFileSync(join(dir, 'servicebus-journal.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    const { journal: again, state } = Journal.open(dir);
    again.close();
    expect(state.counters.get('q')).toBe(9);
    expect([...(state.stores.get('q')?.keys() ?? [])]).toEqual([5]);
  });

  it('keeps nothing on disk without a data dir', () => {
    const { journal, state } = Journal.open(undefined);
    journal.put('q', message(1));
    journal.close();
    expect(state.stores.size).toBe(0);
  });
});

import rhea from 'rhea';
import { describe, expect, it } from 'vitest';
import {
  deliveryTagFor,
  encodeStored,
  lockTokenBytes,
  lockTokenFromBytes,
  newLockToken,
  parseIncoming,
  unpackBatch,
  withApplicationProperties,
} from './amqp-codec';
import type { StoredMessage } from './stored-message';

const encode = (m: object) => rhea.message.encode(m);

function stored(bare: Buffer, extra: Partial<StoredMessage> = {}): StoredMessage {
  return {
    seq: 7,
    enqueuedAt: 1_700_000_000_000,
    deliveryCount: 2,
    messageId: 'x',
    header: {},
    bare,
    ...extra,
  };
}

describe('amqp-codec', () => {
  it('keeps what the sender set and adds sequence number, enqueue time, delivery count and lock', () => {
    const incoming = parseIncoming(
      encode({
        message_id: 'm-1',
        subject: 'subj',
        correlation_id: 'c',
        ttl: 5000,
        application_properties: { a: 'b' },
        message_annotations: { 'x-opt-partition-key': 'pk' },
        body: rhea.message.data_section(Buffer.from('payload')),
      }),
    );
    expect(incoming.messageId).toBe('m-1');
    const out = rhea.message.decode(
      encodeStored(stored(incoming.bare, { header: incoming.header, annotations: incoming.annotations }), {
        lockedUntil: 1_700_000_060_000,
      }),
    );
    expect(out).toMatchObject({
      message_id: 'm-1',
      subject: 'subj',
      correlation_id: 'c',
      ttl: 5000,
      delivery_count: 2,
      application_properties: { a: 'b' },
    });
    expect(out.message_annotations).toMatchObject({
      'x-opt-partition-key': 'pk',
      'x-opt-sequence-number': 7,
      'x-opt-enqueued-time': new Date(1_700_000_000_000),
      'x-opt-locked-until': new Date(1_700_000_060_000),
    });
    expect(Buffer.from(out.body.content).toString()).toBe('payload');
  });

  it('gives a message without an id (or without properties) a fresh one', () => {
    const a = parseIncoming(encode({ subject: 's', body: 'x' }));
    const b = parseIncoming(encode({ body: 'y' }));
    expect(a.messageId).toMatch(/^[0-9a-f]{32}$/);
    expect(b.messageId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.messageId).not.toBe(b.messageId);
    expect(rhea.message.decode(a.bare)).toMatchObject({ message_id: a.messageId, subject: 's', body: 'x' });
    expect(rhea.message.decode(b.bare)).toMatchObject({ message_id: b.messageId, body: 'y' });
  });

  it('reads the scheduled enqueue time', () => {
    const when = new Date(Date.now() + 60_000);
    const m = parseIncoming(
      encode({ message_annotations: { 'x-opt-scheduled-enqueue-time': when }, body: 1 }),
    );
    expect(m.scheduledAt).toBe(when.getTime());
  });

  it('sets application properties, replacing same-named ones and keeping the rest', () => {
    const { bare } = parseIncoming(
      encode({ message_id: 'i', application_properties: { keep: 1, DeadLetterReason: 'old' }, body: 'b' }),
    );
    const changed = rhea.message.decode(
      withApplicationProperties(bare, { DeadLetterReason: 'new', skip: undefined }),
    );
    expect(changed.application_properties).toEqual({ keep: 1, DeadLetterReason: 'new' });
    expect(changed.body).toBe('b');
    const added = rhea.message.decode(
      withApplicationProperties(parseIncoming(encode({ body: 'c' })).bare, { r: 'x' }),
    );
    expect(added.application_properties).toEqual({ r: 'x' });
    expect(added.body).toBe('c');
  });

  it('unpacks a batch into its messages', () => {
    const inner = [encode({ message_id: '1', body: 'a' }), encode({ message_id: '2', body: 'b' })];
    const batch = encode({ body: rhea.message.data_sections(inner) });
    expect(unpackBatch(batch).map((b) => rhea.message.decode(b).message_id)).toEqual(['1', '2']);
    const single = encode({ body: rhea.message.data_sections([inner[0]]) });
    expect(unpackBatch(single)).toHaveLength(1);
  });

  it('maps a lock token to a delivery tag the SDK turns back into the same token', () => {
    const token = newLockToken();
    const tag = deliveryTagFor(token);
    // The SDK swaps the first three GUID groups (.NET byte order) before printing the tag.
    const sdkView = Buffer.from([
      tag[3],
      tag[2],
      tag[1],
      tag[0],
      tag[5],
      tag[4],
      tag[7],
      tag[6],
      ...tag.subarray(8),
    ] as number[]);
    expect(rhea.uuid_to_string(sdkView)).toBe(token);
    expect(lockTokenFromBytes(lockTokenBytes(token))).toBe(token);
  });
});

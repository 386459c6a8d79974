import { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DeadLetterError } from './dead-letter-error';
import { MemoryEffectStore } from './memory-ports';
import { serviceBusHandler } from './service-bus-handler';

const Published = z.object({
  type: z.literal('catalog.published'),
  data: z.object({ catalogId: z.string(), version: z.number().int() }),
});

function setup() {
  const store = new MemoryEffectStore();
  const seen: unknown[] = [];
  const handler = serviceBusHandler({
    app: 'monitoring',
    schema: Published,
    idempotency: { key: (m) => `notify:${m.data.catalogId}:${m.data.version}`, store },
    handler: async (m, meta) => {
      if (m.data.catalogId === 'fail') throw new Error('transient');
      seen.push({ m, messageId: meta.messageId, deliveryCount: meta.deliveryCount });
    },
  });
  return { store, seen, handler };
}

const ctx = (messageId: string, deliveryCount = 1) =>
  new InvocationContext({ triggerMetadata: { messageId, deliveryCount }, logHandler: () => undefined });

const valid = { type: 'catalog.published', data: { catalogId: 'c1', version: 3 } };

describe('serviceBusHandler', () => {
  it('runs the handler with the parsed message and records the effect', async () => {
    const { store, seen, handler } = setup();
    await handler(valid, ctx('m1'));
    expect(seen).toEqual([{ m: valid, messageId: 'm1', deliveryCount: 1 }]);
    expect(store.effects.has('notify:c1:3')).toBe(true);
  });

  it('accepts a JSON string body', async () => {
    const { seen, handler } = setup();
    await handler(JSON.stringify(valid), ctx('m1'));
    expect(seen).toHaveLength(1);
  });

  it('skips a duplicate delivery: the effect runs once', async () => {
    const { seen, handler } = setup();
    await handler(valid, ctx('m1'));
    await handler(valid, ctx('m1', 2));
    await handler(structuredClone(valid), ctx('m2'));
    expect(seen).toHaveLength(1);
  });

  it('throws DeadLetterError with the zod issues for an invalid message', async () => {
    const { seen, handler } = setup();
    const err = await handler({ type: 'catalog.published', data: { catalogId: 7 } }, ctx('m3')).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(DeadLetterError);
    expect(err.name).toBe('DeadLetterError');
    expect(err.deadLetterReason).toBe('InvalidMessage');
    expect(err.deadLetterErrorDescription).toContain('data.catalogId');
    expect(err.deadLetterErrorDescription).toContain('data.version');
    expect(seen).toHaveLength(0);
  });

  it('dead-letters a body that is not JSON', async () => {
    const { handler } = setup();
    await expect(handler('{oops', ctx('m4'))).rejects.toMatchObject({ name: 'DeadLetterError' });
  });

  it('does not record when the handler fails, so a redelivery retries', async () => {
    const { store, handler } = setup();
    const msg = { type: 'catalog.published', data: { catalogId: 'fail', version: 1 } };
    await expect(handler(msg, ctx('m5'))).rejects.toThrow('transient');
    expect(store.effects.size).toBe(0);
  });

  it('records once when two deliveries race past the check', async () => {
    const { store, seen, handler } = setup();
    await Promise.all([handler(valid, ctx('a')), handler(valid, ctx('b'))]);
    // Both ran (the documented at-least-once window), but only one record exists.
    expect(seen).toHaveLength(2);
    expect([...store.effects.keys()]).toEqual(['notify:c1:3']);
  });
});

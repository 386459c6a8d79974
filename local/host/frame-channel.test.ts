import { describe, expect, it } from 'vitest';
import { encodeFrame, type Frame, FrameReader } from './frame-channel';

describe('frame channel', () => {
  it('reassembles frames split and merged arbitrarily across chunks', () => {
    const frames = [
      { head: { id: 'a', n: 1 }, body: Buffer.from('hello') },
      { head: { id: 'b', text: 'ünïcödé' }, body: Buffer.alloc(0) },
      { head: { id: 'c' }, body: Buffer.from([0, 1, 2, 255]) },
    ];
    const wire = Buffer.concat(frames.map((f) => encodeFrame(f.head, f.body)));
    for (const size of [1, 2, 3, 7, 64, wire.length]) {
      const got: Frame[] = [];
      const reader = new FrameReader((f) => got.push(f));
      for (let i = 0; i < wire.length; i += size) reader.push(wire.subarray(i, i + size));
      expect(got).toEqual(frames);
    }
  });

  it('does not keep references into the pushed chunk', () => {
    const got: Frame[] = [];
    const reader = new FrameReader((f) => got.push(f));
    const chunk = encodeFrame({ id: 'x' }, Buffer.from('abc'));
    reader.push(chunk);
    chunk.fill(0);
    expect(got[0]?.body.toString()).toBe('abc');
  });
});

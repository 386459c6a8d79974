import { describe, expect, it } from 'vitest';
import { lazyOnce } from './lazy-once';

describe('lazyOnce', () => {
  it('builds once for concurrent and later callers', async () => {
    let builds = 0;
    const get = lazyOnce(async () => ({ n: ++builds }));
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(builds).toBe(1);
  });

  it('forgets a failed build (thrown or rejected) and tries again on the next call', async () => {
    let calls = 0;
    const get = lazyOnce(() => {
      calls++;
      if (calls === 1) throw new Error('settings missing');
      if (calls === 2) return Promise.reject(new Error('key vault not ready'));
      return 'ready';
    });
    await expect(get()).rejects.toThrow('settings missing');
    await expect(get()).rejects.toThrow('key vault not ready');
    expect(await get()).toBe('ready');
    expect(await get()).toBe('ready');
    expect(calls).toBe(3);
  });
});

import { AppError } from '@kpi/shared/platform/errors';
import { describe, expect, it } from 'vitest';
import { oneAtATime } from './one-at-a-time';
import { retryLostRaces } from './retry-lost-races';

const stale = () => new AppError('CONCURRENCY.CONFLICT', 'stale', 412);
const exists = () => new AppError('X.CONFLICT', 'exists', 409);

describe('retryLostRaces', () => {
  it('tries again on lost races until the write wins', async () => {
    let tries = 0;
    const result = await retryLostRaces(async () => {
      tries++;
      if (tries < 20) throw tries % 2 ? stale() : exists();
      return 'saved';
    });
    expect(result).toBe('saved');
    expect(tries).toBe(20);
  });

  it('passes any other error through at once', async () => {
    let tries = 0;
    const failure = new AppError('X.NOT_FOUND', 'missing', 404);
    await expect(
      retryLostRaces(async () => {
        tries++;
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(tries).toBe(1);
  });

  it('a spent budget is 503 with Retry-After, never the 412 itself', async () => {
    await expect(
      retryLostRaces(
        async () => {
          throw stale();
        },
        { attempts: 3, maxPauseMs: 1 },
      ),
    ).rejects.toMatchObject({
      httpStatus: 503,
      code: 'SERVICE.UNAVAILABLE',
      headers: { 'retry-after': '15' },
    });
  });
});

describe('oneAtATime', () => {
  it('runs work of one key one after another, other keys alongside, and survives failures', async () => {
    const log: string[] = [];
    const step = (key: string, name: string, fail = false) =>
      oneAtATime(key, async () => {
        log.push(`${name}+`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${name}-`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a', 'a1', true), step('a', 'a2'), step('b', 'b1')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log.indexOf('a1-')).toBeLessThan(log.indexOf('a2+'));
    expect(log.indexOf('b1+')).toBeLessThan(log.indexOf('a1-'));
  });
});

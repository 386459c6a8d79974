import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextOccurrences, parseSchedule, ScheduleError, startSchedule, timerInfo } from './ncrontab';

const at = (iso: string) => new Date(iso);
const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe('parseSchedule', () => {
  it('accepts 6-field NCRONTAB with seconds first', () => {
    const s = parseSchedule('*/15 * * * * *');
    expect(iso(nextOccurrences(s, at('2024-01-01T00:00:07Z'), 3))).toEqual([
      '2024-01-01T00:00:15.000Z',
      '2024-01-01T00:00:30.000Z',
      '2024-01-01T00:00:45.000Z',
    ]);
  });

  it('runs "0 30 9 * * 1-5" on weekdays at 09:30:00 UTC', () => {
    const s = parseSchedule('0 30 9 * * 1-5');
    // 2024-01-05 is a Friday.
    expect(iso(nextOccurrences(s, at('2024-01-05T10:00:00Z'), 2))).toEqual([
      '2024-01-08T09:30:00.000Z',
      '2024-01-09T09:30:00.000Z',
    ]);
  });

  it('ANDs day-of-month and day-of-week like NCrontab', () => {
    // Friday the 13th only (Vixie cron would also fire on every 13th and every Friday).
    const s = parseSchedule('0 0 0 13 * FRI');
    expect(iso(nextOccurrences(s, at('2024-01-01T00:00:00Z'), 2))).toEqual([
      '2024-09-13T00:00:00.000Z',
      '2024-12-13T00:00:00.000Z',
    ]);
  });

  it('accepts names and ranges with steps', () => {
    const s = parseSchedule('0 0 8-18/5 * JAN MON');
    expect(iso(nextOccurrences(s, at('2024-01-01T09:00:00Z'), 2))).toEqual([
      '2024-01-01T13:00:00.000Z',
      '2024-01-01T18:00:00.000Z',
    ]);
  });

  it('rejects 5-field, malformed and croner-only syntax', () => {
    expect(() => parseSchedule('*/5 * * * *')).toThrow(ScheduleError);
    expect(() => parseSchedule('0 0 0 L * *')).toThrow(/field 'L'/);
    expect(() => parseSchedule('0 0 0 ? * *')).toThrow(/field '\?'/);
    expect(() => parseSchedule('0 0 0 1 * 1#2')).toThrow(ScheduleError);
    expect(() => parseSchedule('61 * * * * *')).toThrow(ScheduleError);
    expect(() => parseSchedule('a b c d e f')).toThrow(ScheduleError);
  });

  it('reads TimeSpan schedules and %SETTING% references', () => {
    expect(parseSchedule('00:05:00')).toEqual({ kind: 'interval', ms: 300_000 });
    expect(parseSchedule('1.02:00:00')).toEqual({ kind: 'interval', ms: 26 * 3600_000 });
    expect(parseSchedule('%SCHED%', { SCHED: '0 */5 * * * *' })).toEqual({
      kind: 'cron',
      expression: '0 */5 * * * *',
    });
    expect(() => parseSchedule('%MISSING%', {})).toThrow(/MISSING/);
  });
});

describe('timerInfo', () => {
  it('has the host wire shape', () => {
    const info = timerInfo({
      isPastDue: false,
      next: at('2024-01-01T00:01:00Z'),
      last: at('2024-01-01T00:00:00Z'),
      now: at('2024-01-01T00:00:00.5Z'),
    });
    expect(info).toEqual({
      Schedule: { AdjustForDST: true },
      ScheduleStatus: {
        Last: '2024-01-01T00:00:00.000Z',
        Next: '2024-01-01T00:01:00.000Z',
        LastUpdated: '2024-01-01T00:00:00.500Z',
      },
      IsPastDue: false,
    });
  });
});

describe('startSchedule', () => {
  afterEach(() => vi.useRealTimers());

  it('fires on each occurrence and never overlaps a busy run', async () => {
    vi.useFakeTimers({ now: at('2024-01-01T00:00:00.200Z') });
    const runs: number[] = [];
    let release: () => void = () => {};
    const timer = startSchedule(parseSchedule('* * * * * *'), async () => {
      runs.push(Date.now());
      await new Promise<void>((r) => {
        release = r;
      });
    });
    await vi.advanceTimersByTimeAsync(3000);
    // First run started at 00:00:01 and is still busy: later occurrences were skipped.
    expect(runs).toEqual([at('2024-01-01T00:00:01Z').getTime()]);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs.length).toBe(2);
    timer.stop();
    release();
    await vi.advanceTimersByTimeAsync(3000);
    expect(runs.length).toBe(2);
  });
});

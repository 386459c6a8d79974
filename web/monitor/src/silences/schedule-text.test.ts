import { describe, expect, it } from 'vitest';
import {
  describeCron,
  describeRecurrence,
  formatDuration,
  formatOccurrence,
  fromLocalInput,
  nextOccurrences,
  scheduleStatus,
  toLocalInput,
} from './schedule-text';

const now = new Date('2026-11-26T12:00:00.000Z'); // a Thursday

describe('schedule status', () => {
  it('one-off: upcoming, active, expired', () => {
    expect(
      scheduleStatus({ startsAt: '2026-11-26T13:00:00.000Z', endsAt: '2026-11-26T14:00:00.000Z' }, now),
    ).toBe('upcoming');
    expect(
      scheduleStatus({ startsAt: '2026-11-26T11:00:00.000Z', endsAt: '2026-11-26T12:30:00.000Z' }, now),
    ).toBe('active');
    expect(
      scheduleStatus({ startsAt: '2026-11-26T10:00:00.000Z', endsAt: '2026-11-26T12:00:00.000Z' }, now),
    ).toBe('expired');
  });

  it('recurring: active inside an occurrence, upcoming between, expired after its end bound', () => {
    const daily = { cron: '0 11 * * *', timeZone: 'UTC', durationMinutes: 120 };
    expect(scheduleStatus({ recurrence: daily }, now)).toBe('active');
    expect(scheduleStatus({ recurrence: { ...daily, durationMinutes: 30 } }, now)).toBe('upcoming');
    expect(scheduleStatus({ recurrence: daily, endsAt: '2026-11-26T10:00:00.000Z' }, now)).toBe('expired');
  });
});

describe('next occurrences', () => {
  it('lists the current occurrence, then the next ones, in the schedule’s time zone', () => {
    const sundays = { cron: '0 2 * * 0', timeZone: 'Europe/Berlin', durationMinutes: 120 };
    const next = nextOccurrences({ recurrence: sundays }, now, 3);
    expect(next.map((o) => o.start.toISOString())).toEqual([
      '2026-11-29T01:00:00.000Z',
      '2026-12-06T01:00:00.000Z',
      '2026-12-13T01:00:00.000Z',
    ]);
    expect(next[0]?.end.toISOString()).toBe('2026-11-29T03:00:00.000Z');
    expect(formatOccurrence(next[0]!, 'Europe/Berlin')).toBe('Sun 29 Nov, 02:00 – 04:00');

    const daily = { cron: '0 11 * * *', timeZone: 'UTC', durationMinutes: 120 };
    expect(nextOccurrences({ recurrence: daily }, now, 2).map((o) => o.start.toISOString())).toEqual([
      '2026-11-26T11:00:00.000Z',
      '2026-11-27T11:00:00.000Z',
    ]);
  });

  it('stops at the end bound and clips the last occurrence; waits for the start bound', () => {
    const hourly = { cron: '0 * * * *', timeZone: 'UTC', durationMinutes: 45 };
    const bounded = nextOccurrences({ recurrence: hourly, endsAt: '2026-11-26T14:30:00.000Z' }, now, 5);
    // 12:00 is running now (it started at this very minute).
    expect(bounded.map((o) => o.start.toISOString())).toEqual([
      '2026-11-26T12:00:00.000Z',
      '2026-11-26T13:00:00.000Z',
      '2026-11-26T14:00:00.000Z',
    ]);
    expect(bounded[2]?.end.toISOString()).toBe('2026-11-26T14:30:00.000Z');
    const later = nextOccurrences({ recurrence: hourly, startsAt: '2026-12-01T00:00:00.000Z' }, now, 1);
    expect(later[0]?.start.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('words', () => {
  it('describes cron expressions and refuses bad ones', () => {
    expect(describeCron('0 2 * * 0')).toEqual({ ok: true, text: expect.stringMatching(/02:00.*Sunday/) });
    expect(describeCron('0 2 * *')).toMatchObject({ ok: false });
    expect(describeCron('99 2 * * *')).toMatchObject({ ok: false });
    expect(describeRecurrence({ cron: '30 22 * * 1-5', timeZone: 'UTC', durationMinutes: 90 })).toMatch(
      /22:30.*Monday through Friday.*\(UTC\), for 1 h 30 min$/,
    );
  });

  it('formats durations', () => {
    expect([30, 60, 90, 1440, 2880].map(formatDuration)).toEqual([
      '30 min',
      '1 h',
      '1 h 30 min',
      '1 day',
      '2 days',
    ]);
  });

  it('round-trips datetime-local values', () => {
    const iso = '2026-11-26T12:34:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput('')).toBeUndefined();
  });
});

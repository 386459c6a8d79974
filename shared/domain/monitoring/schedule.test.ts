import { describe, expect, it } from 'vitest';
import { occurrenceAt, scheduleProblem } from './schedule';

const d = (iso: string) => new Date(iso);

describe('one-off schedules', () => {
  const s = { startsAt: '2026-11-26T10:00:00.000Z', endsAt: '2026-11-26T12:00:00.000Z' };
  it('covers [startsAt, endsAt)', () => {
    expect(occurrenceAt(s, d('2026-11-26T09:59:59.999Z'))).toBeUndefined();
    expect(occurrenceAt(s, d('2026-11-26T10:00:00.000Z'))?.end.toISOString()).toBe(s.endsAt);
    expect(occurrenceAt(s, d('2026-11-26T11:59:59.999Z'))).toBeDefined();
    expect(occurrenceAt(s, d('2026-11-26T12:00:00.000Z'))).toBeUndefined();
  });
});

describe('recurring schedules', () => {
  // Sundays 02:00-04:00 Berlin time.
  const weekly = { recurrence: { cron: '0 2 * * 0', timeZone: 'Europe/Berlin', durationMinutes: 120 } };

  it('covers each occurrence in its time zone (CET = UTC+1 in winter)', () => {
    expect(occurrenceAt(weekly, d('2026-11-29T00:59:00Z'))).toBeUndefined();
    const occ = occurrenceAt(weekly, d('2026-11-29T01:00:00Z'));
    expect(occ?.start.toISOString()).toBe('2026-11-29T01:00:00.000Z');
    expect(occ?.end.toISOString()).toBe('2026-11-29T03:00:00.000Z');
    expect(occurrenceAt(weekly, d('2026-11-29T02:59:59Z'))).toBeDefined();
    expect(occurrenceAt(weekly, d('2026-11-29T03:00:00Z'))).toBeUndefined();
    expect(occurrenceAt(weekly, d('2026-12-06T02:00:00Z'))).toBeDefined();
    expect(occurrenceAt(weekly, d('2026-12-02T02:00:00Z'))).toBeUndefined();
  });

  it('follows daylight saving (CEST = UTC+2 in summer)', () => {
    expect(occurrenceAt(weekly, d('2026-07-05T00:30:00Z'))).toBeDefined();
    expect(occurrenceAt(weekly, d('2026-07-05T02:30:00Z'))).toBeUndefined();
  });

  it('is bounded by startsAt and endsAt, and an occurrence is cut at endsAt', () => {
    const bounded = { ...weekly, startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2026-12-06T02:00:00.000Z' };
    expect(occurrenceAt(bounded, d('2026-11-29T01:30:00Z'))).toBeUndefined();
    expect(occurrenceAt(bounded, d('2026-12-06T01:30:00Z'))?.end.toISOString()).toBe(
      '2026-12-06T02:00:00.000Z',
    );
    expect(occurrenceAt(bounded, d('2026-12-06T02:30:00Z'))).toBeUndefined();
  });

  it('daily windows longer than the gap between occurrences stay covered', () => {
    const daily = { recurrence: { cron: '0 0 * * *', timeZone: 'UTC', durationMinutes: 1440 } };
    expect(occurrenceAt(daily, d('2026-11-26T23:59:59Z'))?.start.toISOString()).toBe(
      '2026-11-26T00:00:00.000Z',
    );
    expect(occurrenceAt(daily, d('2026-11-27T00:00:00Z'))?.start.toISOString()).toBe(
      '2026-11-27T00:00:00.000Z',
    );
  });

  it('reports bad cron expressions and time zones', () => {
    expect(scheduleProblem(weekly)).toBeUndefined();
    expect(
      scheduleProblem({ recurrence: { cron: '99 * * * *', timeZone: 'UTC', durationMinutes: 5 } }),
    ).toMatch(/recurrence/);
    expect(
      scheduleProblem({ recurrence: { cron: '0 2 * * 0', timeZone: 'Mars/Olympus', durationMinutes: 5 } }),
    ).toMatch(/recurrence/);
  });
});

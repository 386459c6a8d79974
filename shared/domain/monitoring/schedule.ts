/**
 * When a silence or maintenance window applies: one-off (`startsAt` ≤ t < `endsAt`) or recurring (each cron
 * occurrence lasts `durationMinutes`, optionally bounded by `startsAt`/`endsAt`). Croner computes the
 * occurrences, in the schedule's time zone (so "Sundays 02:00 Europe/Berlin" follows daylight saving).
 */
import { Cron } from 'croner';
import type { Schedule } from '../../contracts/monitoring-rules';

/** The occurrence covering a time: `[start, end)`. */
export interface Occurrence {
  start: Date;
  end: Date;
}

const MINUTE = 60_000;

/** The occurrence of `schedule` that covers `at`, if any. */
export function occurrenceAt(schedule: Schedule, at: Date): Occurrence | undefined {
  const t = at.getTime();
  const from = schedule.startsAt ? Date.parse(schedule.startsAt) : undefined;
  const until = schedule.endsAt ? Date.parse(schedule.endsAt) : undefined;
  if (from !== undefined && t < from) return undefined;
  if (until !== undefined && t >= until) return undefined;
  const rec = schedule.recurrence;
  if (!rec) {
    if (from === undefined || until === undefined) return undefined;
    return { start: new Date(from), end: new Date(until) };
  }
  const duration = rec.durationMinutes * MINUTE;
  // The first occurrence that starts strictly after (t - duration) covers t exactly when it starts by t.
  const cron = new Cron(rec.cron, { timezone: rec.timeZone, paused: true });
  const start = cron.nextRun(new Date(t - duration));
  if (!start || start.getTime() > t) return undefined;
  const end = Math.min(start.getTime() + duration, until ?? Number.POSITIVE_INFINITY);
  return { start: new Date(Math.max(start.getTime(), from ?? start.getTime())), end: new Date(end) };
}

/** A problem with a schedule that zod cannot see (cron syntax, time zone), or undefined when it is fine. */
export function scheduleProblem(schedule: Schedule): string | undefined {
  const rec = schedule.recurrence;
  if (!rec) return undefined;
  try {
    new Cron(rec.cron, { timezone: rec.timeZone, paused: true }).nextRun(new Date(0));
  } catch (err) {
    return `recurrence: ${(err as Error).message}`;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: rec.timeZone });
  } catch {
    return `recurrence: unknown time zone ${rec.timeZone}`;
  }
  return undefined;
}

/**
 * Silences and maintenance windows in words: the status of a schedule now (active, upcoming, expired),
 * its next occurrences and a plain-language description of a recurrence. Occurrences come from the same
 * domain code (croner, in the schedule's time zone) that the service uses, so the page and the e-mail
 * decisions agree.
 */
import type { Matcher, Recurrence, Schedule } from '@kpi/shared/contracts/monitoring-rules';
import { type Occurrence, occurrenceAt } from '@kpi/shared/domain/monitoring/schedule';
import { Cron } from 'croner';
import cronstrue from 'cronstrue';

export type ScheduleStatus = 'active' | 'upcoming' | 'expired';

const MINUTE = 60_000;

/** Up to `count` occurrences that end after `now` (the current one first, if any). */
export function nextOccurrences(schedule: Schedule, now: Date, count = 3): Occurrence[] {
  const until = schedule.endsAt ? Date.parse(schedule.endsAt) : Number.POSITIVE_INFINITY;
  const rec = schedule.recurrence;
  if (!rec) {
    if (!schedule.startsAt || !schedule.endsAt || until <= now.getTime()) return [];
    return [{ start: new Date(schedule.startsAt), end: new Date(schedule.endsAt) }];
  }
  const out: Occurrence[] = [];
  const current = occurrenceAt(schedule, now);
  if (current) out.push(current);
  const from = schedule.startsAt ? Math.max(now.getTime(), Date.parse(schedule.startsAt) - 1) : now.getTime();
  const cron = new Cron(rec.cron, { timezone: rec.timeZone, paused: true });
  let previous = new Date(from);
  while (out.length < count) {
    const start = cron.nextRun(previous);
    if (!start || start.getTime() >= until) break;
    out.push({ start, end: new Date(Math.min(start.getTime() + rec.durationMinutes * MINUTE, until)) });
    previous = start;
  }
  return out;
}

/** Active now, upcoming (a later occurrence exists) or expired (none will come). */
export function scheduleStatus(schedule: Schedule, now: Date): ScheduleStatus {
  if (occurrenceAt(schedule, now)) return 'active';
  return nextOccurrences(schedule, now, 1).length > 0 ? 'upcoming' : 'expired';
}

/** "45 min", "2 h", "1 h 30 min", "3 days". */
export function formatDuration(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** The cron expression in words, or an error message when it is not valid. */
export function describeCron(cron: string): { ok: true; text: string } | { ok: false; error: string } {
  const trimmed = cron.trim();
  if (!/^\S+( \S+){4}$/.test(trimmed)) {
    return { ok: false, error: 'Use 5 fields: minute hour day-of-month month day-of-week.' };
  }
  try {
    new Cron(trimmed, { paused: true });
    return { ok: true, text: cronstrue.toString(trimmed, { use24HourTimeFormat: true, verbose: true }) };
  } catch (err) {
    return { ok: false, error: (err as Error).message || String(err) };
  }
}

/** "At 02:00, only on Sunday (Europe/Berlin), for 2 h". */
export function describeRecurrence(rec: Recurrence): string {
  const cron = describeCron(rec.cron);
  const when = cron.ok ? cron.text : rec.cron;
  return `${when} (${rec.timeZone}), for ${formatDuration(rec.durationMinutes)}`;
}

/** A whole schedule in words, as the lists show it. */
export function describeSchedule(schedule: Schedule, format: (iso: string) => string): string {
  const bounds = [
    schedule.startsAt ? `from ${format(schedule.startsAt)}` : '',
    schedule.endsAt ? `until ${format(schedule.endsAt)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (!schedule.recurrence) return bounds;
  return `${describeRecurrence(schedule.recurrence)}${bounds ? `; ${bounds}` : ''}`;
}

/** `rule = heartbeat-missing`, `deploymentId =~ contoso-.*`. */
export function describeMatcher(m: Matcher): string {
  return `${m.label} ${m.op} ${m.value}`;
}

/** Formats an occurrence in a time zone: "Sun 30 Nov, 02:00 – 04:00" (dates repeated when it spans days). */
export function formatOccurrence(o: Occurrence, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const sameDay = day.format(o.start) === day.format(o.end);
  return sameDay
    ? `${day.format(o.start)}, ${time.format(o.start)} – ${time.format(o.end)}`
    : `${day.format(o.start)}, ${time.format(o.start)} – ${day.format(o.end)}, ${time.format(o.end)}`;
}

/** `datetime-local` value (local time, minutes) for an ISO time. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** ISO UTC time for a `datetime-local` value (read as local time); undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

import { Cron } from 'croner';

/**
 * Timer-trigger schedules as the Functions host reads them: a 6-field NCRONTAB expression
 * (`{second} {minute} {hour} {day} {month} {day-of-week}`), a TimeSpan (`hh:mm:ss`, as on App Service
 * plans), or `%SETTING%` naming an app setting that holds either. NCRONTAB ANDs day-of-month and
 * day-of-week (unlike Vixie cron), so croner runs with `legacyMode: false`.
 */
export type Schedule = { kind: 'cron'; expression: string } | { kind: 'interval'; ms: number };

/** Error for a schedule the real host would refuse at startup. */
export class ScheduleError extends Error {
  readonly code = 'TIMER.INVALID_SCHEDULE';
  override name = 'ScheduleError';
}

// NCRONTAB knows numbers, names (JAN, MON), '*', ',', '-', '/': no '?', 'L', 'W' or '#' (croner extensions).
const FIELD = /^[0-9A-Za-z*,/-]+$/;
const NAMES = new Set(
  'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC SUN MON TUE WED THU FRI SAT'.split(' '),
);
const TIMESPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Parses a schedule, resolving `%NAME%` from `settings`; throws ScheduleError when invalid. */
export function parseSchedule(raw: string, settings: Record<string, string | undefined> = {}): Schedule {
  let text = raw.trim();
  const ref = /^%([^%]+)%$/.exec(text);
  if (ref) {
    const value = settings[ref[1] as string];
    if (value === undefined)
      throw new ScheduleError(`Schedule refers to app setting '${ref[1]}', which is not set.`);
    text = value.trim();
  }
  const span = TIMESPAN.exec(text);
  if (span) {
    const [, d = '0', h = '0', m = '0', s = '0'] = span;
    const ms = (((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60 + Number(s)) * 1000;
    if (ms <= 0) throw new ScheduleError(`TimeSpan schedule '${text}' must be positive.`);
    return { kind: 'interval', ms };
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 6) {
    throw new ScheduleError(
      `'${text}' is not a valid NCRONTAB expression: it needs 6 fields (second minute hour day month day-of-week).`,
    );
  }
  const bad = fields.find(
    (f) => !FIELD.test(f) || f.split(/[,/-]/).some((t) => /[A-Za-z]/.test(t) && !NAMES.has(t.toUpperCase())),
  );
  if (bad !== undefined)
    throw new ScheduleError(`'${text}' is not a valid NCRONTAB expression: field '${bad}'.`);
  try {
    new Cron(text, { paused: true, legacyMode: false, timezone: 'UTC' }).stop();
  } catch (err) {
    throw new ScheduleError(`'${text}' is not a valid NCRONTAB expression: ${(err as Error).message}`);
  }
  return { kind: 'cron', expression: text };
}

/** croner zone options: a fixed offset for UTC avoids Intl time-zone formatting on every tick. */
const zone = (timezone: string) => (timezone.toUpperCase() === 'UTC' ? { utcOffset: 0 } : { timezone });

/** The next `count` occurrences strictly after `from` (in `timezone`, default UTC). */
export function nextOccurrences(schedule: Schedule, from: Date, count: number, timezone = 'UTC'): Date[] {
  if (schedule.kind === 'interval') {
    return Array.from({ length: count }, (_, i) => new Date(from.getTime() + schedule.ms * (i + 1)));
  }
  const job = new Cron(schedule.expression, { paused: true, legacyMode: false, ...zone(timezone) });
  try {
    return job.nextRuns(count, from);
  } finally {
    job.stop();
  }
}

/** Shape of the timer trigger input as the host sends it (the library camel-cases it). */
export interface TimerInfoWire {
  Schedule: { AdjustForDST: boolean };
  ScheduleStatus: { Last: string; Next: string; LastUpdated: string } | null;
  IsPastDue: boolean;
}

/** Builds the timer input for one run. `last` is the previous run in this host, if any. */
export function timerInfo(o: { isPastDue: boolean; last?: Date; next?: Date; now?: Date }): TimerInfoWire {
  const now = o.now ?? new Date();
  return {
    Schedule: { AdjustForDST: true },
    ScheduleStatus: o.next
      ? {
          Last: (o.last ?? new Date(0)).toISOString(),
          Next: o.next.toISOString(),
          LastUpdated: now.toISOString(),
        }
      : null,
    IsPastDue: o.isPastDue,
  };
}

/** A running schedule; `stop()` cancels future runs (a run in progress finishes). */
export interface ScheduledTimer {
  stop(): void;
  nextRun(): Date | undefined;
}

/** How late a run may start before it counts as past due. */
const PAST_DUE_MS = 1000;

/**
 * Runs `fire` on every occurrence. Like the host, a run never overlaps the previous one of the same
 * function: an occurrence that falls while the previous run is still busy is skipped.
 */
export function startSchedule(
  schedule: Schedule,
  fire: (info: TimerInfoWire) => Promise<void>,
  timezone = 'UTC',
): ScheduledTimer {
  let last: Date | undefined;
  let busy = false;
  const run = async (scheduled: Date, next: Date | undefined) => {
    if (busy) return;
    busy = true;
    const now = new Date();
    try {
      await fire(
        timerInfo({ isPastDue: now.getTime() - scheduled.getTime() > PAST_DUE_MS, last, next, now }),
      );
    } finally {
      last = scheduled;
      busy = false;
    }
  };
  if (schedule.kind === 'interval') {
    let due = Date.now() + schedule.ms;
    const timer = setInterval(() => {
      const scheduled = new Date(due);
      due += schedule.ms;
      void run(scheduled, new Date(due));
    }, schedule.ms);
    return {
      stop: () => clearInterval(timer),
      nextRun: () => new Date(due),
    };
  }
  let scheduled: Date | null = null;
  const job = new Cron(schedule.expression, { legacyMode: false, ...zone(timezone), paused: true }, () => {
    const at = scheduled ?? new Date();
    scheduled = job.nextRun();
    void run(at, scheduled ?? undefined);
  });
  scheduled = job.nextRun();
  job.resume();
  return {
    stop: () => job.stop(),
    nextRun: () => job.nextRun() ?? undefined,
  };
}

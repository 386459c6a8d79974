/**
 * The silence / maintenance window form as plain data: drafts made from saved items (for editing) and
 * turned back into API bodies, with the checks the API would make, so mistakes show beside the field.
 */
import type { MaintenanceWindow, Matcher, Schedule, Silence } from '@kpi/shared/contracts/monitoring-rules';
import { patternProblem } from '@kpi/shared/domain/monitoring/silences';
import { describeCron, fromLocalInput, toLocalInput } from './schedule-text';

export type RuleKind = 'silence' | 'window';

export interface ScheduleDraft {
  recurring: boolean;
  /** `datetime-local` values; required for one-off, optional bounds for recurring. */
  start: string;
  end: string;
  cron: string;
  timeZone: string;
  durationMinutes: number;
}

export interface RuleDraft {
  kind: RuleKind;
  matchers: Matcher[];
  /** Windows: deployments covered; empty = every deployment of the tenant. */
  deploymentIds: string[];
  schedule: ScheduleDraft;
  /** Silence comment or window reason. */
  reason: string;
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A new draft: from now for two hours. */
export function emptyDraft(kind: RuleKind, now = new Date()): RuleDraft {
  return {
    kind,
    matchers: kind === 'silence' ? [{ label: 'deploymentId', op: '=', value: '' }] : [],
    deploymentIds: [],
    schedule: {
      recurring: false,
      start: toLocalInput(now.toISOString()),
      end: toLocalInput(new Date(now.getTime() + 2 * 3600_000).toISOString()),
      cron: '0 2 * * 0',
      timeZone: browserZone(),
      durationMinutes: 120,
    },
    reason: '',
  };
}

/** A draft holding a saved silence or window, to edit. */
export function draftFrom(kind: RuleKind, item: Silence | MaintenanceWindow): RuleDraft {
  const s = item.schedule;
  return {
    kind,
    matchers: 'matchers' in item ? item.matchers.map((m) => ({ ...m })) : [],
    deploymentIds: 'deploymentIds' in item ? [...item.deploymentIds] : [],
    schedule: {
      recurring: !!s.recurrence,
      start: toLocalInput(s.startsAt),
      end: toLocalInput(s.endsAt),
      cron: s.recurrence?.cron ?? '0 2 * * 0',
      timeZone: s.recurrence?.timeZone ?? browserZone(),
      durationMinutes: s.recurrence?.durationMinutes ?? 120,
    },
    reason: 'comment' in item ? item.comment : item.reason,
  };
}

/** The schedule for the API, or the problems with the draft. */
export function scheduleFromDraft(d: ScheduleDraft): { schedule: Schedule } | { problems: string[] } {
  const problems: string[] = [];
  const startsAt = fromLocalInput(d.start);
  const endsAt = fromLocalInput(d.end);
  if (!d.recurring && (!startsAt || !endsAt)) problems.push('A one-off window needs a start and an end.');
  if (startsAt && endsAt && startsAt >= endsAt) problems.push('The start must be before the end.');
  if (d.recurring) {
    const cron = describeCron(d.cron);
    if (!cron.ok) problems.push(`Schedule: ${cron.error}`);
    if (!Number.isInteger(d.durationMinutes) || d.durationMinutes < 1 || d.durationMinutes > 10_080)
      problems.push('The duration is 1 minute to 7 days.');
    try {
      new Intl.DateTimeFormat('en', { timeZone: d.timeZone });
    } catch {
      problems.push(`Unknown time zone ${d.timeZone}.`);
    }
  }
  if (problems.length) return { problems };
  return {
    schedule: {
      ...(startsAt ? { startsAt } : {}),
      ...(endsAt ? { endsAt } : {}),
      ...(d.recurring
        ? {
            recurrence: { cron: d.cron.trim(), timeZone: d.timeZone, durationMinutes: d.durationMinutes },
          }
        : {}),
    },
  };
}

/** The POST body for the draft, or its problems. */
export function bodyFromDraft(d: RuleDraft): { body: object } | { problems: string[] } {
  const schedule = scheduleFromDraft(d.schedule);
  const problems = 'problems' in schedule ? [...schedule.problems] : [];
  if (!d.reason.trim()) problems.push(d.kind === 'silence' ? 'Say why (comment).' : 'Say why (reason).');
  if (d.kind === 'silence') {
    if (d.matchers.length === 0) problems.push('A silence needs at least one matcher.');
    for (const m of d.matchers) {
      if (!m.value.trim()) problems.push(`The ${m.label} matcher needs a value.`);
      else if ((m.op === '=~' || m.op === '!~') && patternProblem(m.value)) {
        // The server's own matcher (RE2): what the API would refuse is refused here first.
        problems.push(`${m.value} is not a valid pattern.`);
      }
    }
  }
  if (problems.length || 'problems' in schedule) return { problems };
  return {
    body:
      d.kind === 'silence'
        ? {
            matchers: d.matchers.map((m) => ({ ...m, value: m.value.trim() })),
            schedule: schedule.schedule,
            comment: d.reason.trim(),
          }
        : { deploymentIds: d.deploymentIds, schedule: schedule.schedule, reason: d.reason.trim() },
  };
}

/**
 * A new draft asked for in the query string, so other pages can link to a prefilled form:
 * `?new=silence&deploymentId=<id>&rule=<rule>` or `?new=window&deploymentId=<id>`.
 */
export function draftFromQuery(search: string, now = new Date()): RuleDraft | undefined {
  const q = new URLSearchParams(search);
  const kind = q.get('new');
  if (kind !== 'silence' && kind !== 'window') return undefined;
  const draft = emptyDraft(kind, now);
  const deploymentId = q.get('deploymentId')?.trim();
  const rule = q.get('rule')?.trim();
  if (kind === 'window') {
    if (deploymentId) draft.deploymentIds = [deploymentId];
    return draft;
  }
  const matchers: Matcher[] = [];
  if (deploymentId) matchers.push({ label: 'deploymentId', op: '=', value: deploymentId });
  if (rule) matchers.push({ label: 'rule', op: '=', value: rule });
  if (matchers.length) draft.matchers = matchers;
  return draft;
}

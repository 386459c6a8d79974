/**
 * The scheduler (a timer every minute): each source with an NCRONTAB `schedule` (six fields, seconds first)
 * runs its published mappings when an occurrence fell since the mapping's last scheduled start. The start is
 * recorded before the request is queued, and the run id is derived from the occurrence, so two timer
 * invocations (or instances) queue one run per occurrence.
 */

import type { RunRequestMessage } from '@kpi/shared/contracts/ingestion';
import type { Logger } from '@kpi/shared/platform/log';
import { Cron } from 'croner';
import type { PublishedMappings } from '../model/published-mappings';
import type { CursorStore, SourceReader } from './stores';

export interface ScheduleDeps {
  sources: SourceReader;
  mappings: PublishedMappings;
  cursors: CursorStore;
  /** Puts a run request on the queue (messageId = runId). */
  request(message: RunRequestMessage): Promise<void>;
  clock: () => Date;
  log: Logger;
}

/** The occurrence of `schedule` due at `now` after `since`, if any (the latest one). */
export function dueOccurrence(schedule: string, since: Date, now: Date): Date | undefined {
  let due: Date | undefined;
  const cron = new Cron(schedule, { timezone: 'UTC', paused: true });
  let next = cron.nextRun(since);
  // Only the latest missed occurrence runs: a host that was down does not replay every minute it missed.
  for (let i = 0; next && next <= now && i < 10_000; i++) {
    due = next;
    next = cron.nextRun(next);
  }
  return due;
}

export async function scheduleRuns(deps: ScheduleDeps): Promise<{ queued: string[] }> {
  const now = deps.clock();
  const queued: string[] = [];
  for (const source of await deps.sources.scheduled()) {
    if (!source.schedule || source.status !== 'ready') continue;
    for (const mapping of await deps.mappings.forSource(source.id)) {
      const cursor = await deps.cursors.get(mapping.id);
      // A mapping seen for the first time starts counting now (no catch-up of the past).
      const since = cursor?.scheduledAt ? new Date(cursor.scheduledAt) : new Date(now.getTime() - 60_000);
      let due: Date | undefined;
      try {
        due = dueOccurrence(source.schedule, since, now);
      } catch (err) {
        deps.log.warn('source schedule invalid', { sourceId: source.id, error: String(err) });
        break;
      }
      if (!due) continue;
      await deps.cursors.save({
        ...(cursor ?? { id: mapping.id, updatedAt: now.toISOString() }),
        scheduledAt: due.toISOString(),
      });
      const runId = `sched-${mapping.id}-${due.getTime()}`.slice(0, 128);
      await deps.request({ runId, mappingId: mapping.id, trigger: 'schedule', requestedBy: 'schedule' });
      queued.push(runId);
    }
  }
  return { queued };
}

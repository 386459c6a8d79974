/**
 * The expiry sweep (timer `licenses-expiry-sweep`): moves licences through their statuses, announces the
 * 90/60/30/7-day milestones, `license.expired` and `license.suspended`, and re-publishes events left pending.
 *
 * It reads only licences whose `nextCheckAt` is due, so its cost follows the licences that change. Each
 * change is claimed with `ifMatch`: of two overlapping sweeps only one writes a licence's change, and the
 * events' message ids are deterministic per effect, so a re-publication is recognisable downstream.
 */
import { dueMilestone, type LicenseStatus, statusAt } from '@kpi/shared/domain/license/license';
import { isPreconditionFailed } from '@kpi/shared/platform/cosmos/conditions';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import {
  historyEntry,
  type LicenseDeps,
  licenseEvent,
  publishPending,
  scheduleNextCheck,
} from './license-core';
import type { LicenseDocument, PendingEvent } from './license-documents';

export interface SweepReport {
  examined: number;
  changed: number;
  /** Licences another writer changed first; the next sweep sees them again if still due. */
  skipped: number;
  events: number;
}

const announced: Partial<Record<LicenseStatus, 'license.expired' | 'license.suspended'>> = {
  expired: 'license.expired',
  suspended: 'license.suspended',
};

/** The change the sweep makes to one licence at `now`, or undefined when nothing is due. */
export function sweepChange(
  doc: LicenseDocument,
  now: Date,
): { doc: LicenseDocument; events: PendingEvent[] } {
  const status = statusAt(doc, now);
  const events: PendingEvent[] = [];
  let next: LicenseDocument = { ...doc, status };
  const milestone = dueMilestone(doc, doc.milestonesSent, now);
  if (milestone !== undefined) {
    next = { ...next, milestonesSent: [...doc.milestonesSent, milestone] };
    events.push(licenseEvent('license.expiring', next, now, { milestone }));
  }
  const type = status !== doc.status ? announced[status] : undefined;
  if (type) events.push(licenseEvent(type, next, now));
  return {
    doc: scheduleNextCheck(
      { ...next, pendingEvents: [...doc.pendingEvents, ...events], updatedAt: now.toISOString() },
      now,
    ),
    events,
  };
}

/** Runs one sweep over every due licence. */
export async function sweepLicenses(deps: LicenseDeps): Promise<SweepReport> {
  const now = deps.clock();
  const report: SweepReport = { examined: 0, changed: 0, skipped: 0, events: 0 };
  let continuationToken: string | undefined;
  do {
    const page = await deps.store.dueForCheck(now.toISOString(), {
      maxItemCount: 100,
      ...(continuationToken ? { continuationToken } : {}),
    });
    for (const due of page.items) {
      report.examined += 1;
      await sweepOne(deps, due, now, report);
    }
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return report;
}

async function sweepOne(
  deps: LicenseDeps,
  due: LicenseDocument,
  now: Date,
  report: SweepReport,
): Promise<void> {
  const scope = systemScope(due.tenantId, 'licence expiry sweep');
  let current: { item: LicenseDocument; etag: string } | undefined;
  let change: ReturnType<typeof sweepChange>;
  let written: { item: LicenseDocument; etag: string };
  for (let attempt = 0; ; attempt++) {
    // Re-read with its etag: the page may be stale, and the etag is what claims the change.
    current = await deps.store.get(scope, due.id);
    if (!current) return;
    change = sweepChange(current.item, now);
    // A second attempt only while the change is still owed: an overlapping sweep that made it leaves nothing.
    const owed = change.events.length > 0 || change.doc.status !== current.item.status;
    if (attempt > 0 && !owed) {
      report.skipped += 1;
      return;
    }
    try {
      written = await deps.store.replace(scope, change.doc, current.etag);
      break;
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
      // Once more: the other writer may have been a deployment recording a validation (deployments.ts), which
      // makes no change the sweep owes; a second loss leaves the licence to the next sweep.
      if (attempt >= 1) {
        report.skipped += 1;
        return;
      }
    }
  }
  const { doc, events } = change;
  if (events.length > 0 || doc.status !== current.item.status) report.changed += 1;
  for (const e of events) {
    const milestone = typeof e.data.milestone === 'number' ? e.data.milestone : undefined;
    // Deterministic ids: a retried sweep upserts the same entries.
    await deps.store.addHistory(
      scope,
      historyEntry(
        deps,
        doc,
        milestone !== undefined ? 'milestone' : 'status-changed',
        'expiry-sweep',
        now,
        { event: e.type, ...(milestone !== undefined ? { milestone } : { status: doc.status }) },
        e.messageId,
      ),
    );
  }
  const published = doc.pendingEvents.length;
  const after = await publishPending(deps, scope, written);
  if (after.pendingEvents.length === 0) report.events += published;
}

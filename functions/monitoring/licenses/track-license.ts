/**
 * Licence tracking from `license.*` events: keeps the latest state per licence and opens/resolves the
 * licence alerts in the inbox. The e-mails are licence notices, one per event (each expiry milestone,
 * expired, suspended, renewed, revoked) to the licence contacts and the account manager, keyed by the
 * licence service's idempotency key — not alert notices, which would go to the tenant's monitoring
 * contacts and repeat while the alert stays open. Out-of-order events older than the stored state are
 * ignored.
 */
import type { Alert } from '@kpi/shared/contracts/monitoring-alert';
import type { LicenseEventMessage, TrackedLicense } from '@kpi/shared/contracts/monitoring-license';
import { LICENSE_NOTICE_EVENTS, type LicenseNotice } from '@kpi/shared/contracts/monitoring-notification';
import { evaluateLicenseEvent } from '@kpi/shared/domain/monitoring/license-rules';
import { isLostRace } from '@kpi/shared/platform/cosmos/conditions';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { commitAlertChanges, planDeploymentAlerts, publishLicenseNotice } from '../alerts/alert-changes';
import type { AppDeps } from '../dependencies';
import { tenantRules, thresholdsFor } from '../rules/tenant-rules';

export async function trackLicenseEvent(
  deps: AppDeps,
  message: LicenseEventMessage,
  now: Date = new Date(),
): Promise<TrackedLicense | undefined> {
  const d = message.data;
  const scope = systemScope(d.tenantId, 'license events');
  const rules = await tenantRules(deps, d.tenantId, now.getTime());
  const disabled = rules.settings?.disabledRules ?? [];
  const reminderMinutes = (await thresholdsFor(deps, d.tenantId, now.getTime())).reminderMinutes;
  for (let attempt = 1; ; attempt++) {
    const found = await deps.licenses.getVersioned(scope, d.licenseId);
    if (found && found.item.lastEventAt > message.time) return found.item;
    // What the event says about the licence, for a first record and an update alike.
    const told = {
      configurationId: d.configurationId,
      status: d.status,
      expiresAt: d.expiresAt,
      graceDays: d.graceDays,
      contacts: d.contacts,
      lastEventType: message.type,
      lastEventAt: message.time,
      updatedAt: now.toISOString(),
    };
    const base: TrackedLicense = found?.item ?? {
      id: d.licenseId,
      tenantId: d.tenantId,
      ...told,
      openAlerts: {},
      alertSeq: 0,
    };
    const next: TrackedLicense = { ...base, ...told };
    const evaluations = evaluateLicenseEvent(
      message.type,
      {
        licenseId: d.licenseId,
        expiresAt: d.expiresAt,
        ...(d.milestone !== undefined ? { milestone: d.milestone } : {}),
      },
      now,
    ).filter((e) => !disabled.includes(e.rule));
    const planned = planDeploymentAlerts(next, evaluations, now, reminderMinutes, {
      subject: `license:${d.licenseId}`,
      notify: d.contacts,
    });
    // The milestones are the reminders: no repeat reminders for licence alerts.
    planned.changes.open = planned.changes.open.map(withoutReminder);
    try {
      if (found) await deps.licenses.replace(scope, planned.deployment, { ifMatch: found.etag });
      else await deps.licenses.create(scope, planned.deployment);
    } catch (err) {
      if (isLostRace(err) && attempt < 5) continue;
      throw err;
    }
    await commitAlertChanges(deps, scope, planned.changes, now);
    const notice = licenseNotice(message, planned.deployment.openAlerts);
    if (notice) await publishLicenseNotice(deps.publisher, notice);
    return planned.deployment;
  }
}

function withoutReminder(alert: Alert): Alert {
  const { remindAt: _none, ...rest } = alert;
  return rest;
}

const noticeEvents: readonly string[] = LICENSE_NOTICE_EVENTS;

/** The e-mail an event calls for, if any (`license.issued` sends none: the key goes out with the order). */
function licenseNotice(
  message: LicenseEventMessage,
  openAlerts: Record<string, string>,
): LicenseNotice | undefined {
  if (!noticeEvents.includes(message.type)) return undefined;
  const d = message.data;
  const alertId =
    message.type === 'license.expiring'
      ? openAlerts['license-expiring']
      : message.type === 'license.expired' || message.type === 'license.suspended'
        ? openAlerts['license-expired']
        : undefined;
  return {
    key: `license-${d.idempotencyKey}`.slice(0, 200),
    tenantId: d.tenantId,
    kind: 'license',
    licenseId: d.licenseId,
    event: message.type as LicenseNotice['event'],
    ...(d.milestone !== undefined ? { milestone: d.milestone } : {}),
    expiresAt: d.expiresAt,
    graceDays: d.graceDays,
    contacts: d.contacts,
    ...(alertId ? { alertId } : {}),
  };
}

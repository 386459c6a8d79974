/**
 * Licence tracking from `license.*` events: keeps the latest state per licence, opens/resolves the licence
 * alerts (e-mailed to the licence contacts as well), and turns each further expiry milestone of an open
 * "expiring" alert into a reminder. Out-of-order events older than the stored state are ignored.
 */
import type { LicenseEventMessage, TrackedLicense } from '@kpi/shared/contracts/monitoring-license';
import { evaluateLicenseEvent } from '@kpi/shared/domain/monitoring/license-rules';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { isAppError } from '@kpi/shared/platform/errors';
import { commitAlertChanges, planDeploymentAlerts, publishNotices } from '../alerts/alert-changes';
import type { Dependencies } from '../dependencies';
import { tenantRules, thresholdsFor } from '../rules/tenant-rules';

export async function trackLicenseEvent(
  deps: Dependencies,
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
    const base: TrackedLicense = found?.item ?? {
      id: d.licenseId,
      tenantId: d.tenantId,
      configurationId: d.configurationId,
      status: d.status,
      expiresAt: d.expiresAt,
      graceDays: d.graceDays,
      contacts: d.contacts,
      lastEventType: message.type,
      lastEventAt: message.time,
      openAlerts: {},
      alertSeq: 0,
      updatedAt: now.toISOString(),
    };
    const next: TrackedLicense = {
      ...base,
      configurationId: d.configurationId,
      status: d.status,
      expiresAt: d.expiresAt,
      graceDays: d.graceDays,
      contacts: d.contacts,
      lastEventType: message.type,
      lastEventAt: message.time,
      updatedAt: now.toISOString(),
    };
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
    try {
      if (found) await deps.licenses.replace(scope, planned.deployment, { ifMatch: found.etag });
      else await deps.licenses.create(scope, planned.deployment);
    } catch (err) {
      const status = isAppError(err) ? err.httpStatus : undefined;
      if ((status === 412 || status === 409) && attempt < 5) continue;
      throw err;
    }
    const notices = await commitAlertChanges(deps, scope, planned.changes, now);
    // A further milestone while "expiring" is already open: remind instead of opening a second alert.
    const stillOpen = base.openAlerts['license-expiring'];
    if (
      message.type === 'license.expiring' &&
      stillOpen &&
      planned.deployment.openAlerts['license-expiring'] === stillOpen
    ) {
      notices.push({
        tenantId: d.tenantId,
        alertId: stillOpen,
        kind: 'reminder',
        occurrence: d.milestone ?? 0,
      });
    }
    if (notices.length > 0) await publishNotices(deps.publisher, notices);
    return planned.deployment;
  }
}

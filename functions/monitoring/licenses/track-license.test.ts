import type { LicenseEventMessage } from '@kpi/shared/contracts/monitoring-license';
import { describe, expect, it } from 'vitest';
import { invalidateTenantRules } from '../rules/tenant-rules';
import { memoryDependencies } from '../support/memory-stores';
import { trackLicenseEvent } from './track-license';

const now = new Date('2026-11-26T10:00:00.000Z');
const expiresAt = '2027-02-24T10:00:00.000Z';
const event = (
  type: LicenseEventMessage['type'],
  time: string,
  over: Record<string, unknown> = {},
): LicenseEventMessage => ({
  type,
  time,
  data: {
    licenseId: 'lic-1',
    tenantId: 'contoso',
    configurationId: 'cfg',
    expiresAt,
    graceDays: 30,
    status: 'expiring',
    contacts: ['owner@contoso.example'],
    idempotencyKey: `${type}:${time}`,
    ...over,
  } as LicenseEventMessage['data'],
});

function setup() {
  invalidateTenantRules('contoso');
  const m = memoryDependencies();
  const published = () =>
    m.stores.publisher.published.map((p) => {
      const d = p.event.data as { kind: string; event: string; milestone?: number; alertId?: string };
      return `${d.kind}:${d.event}#${d.milestone ?? '-'}@${d.alertId ?? '-'}`;
    });
  const keys = () => m.stores.publisher.published.map((p) => p.event.messageId);
  const alerts = () => [...m.stores.alerts.items.values()].map((e) => e.item);
  return { ...m, published, keys, alerts };
}

describe('trackLicenseEvent', () => {
  it('opens one expiring alert (with the licence contacts) and sends one licence e-mail per milestone', async () => {
    const { deps, published, keys, alerts } = setup();
    const tracked = await trackLicenseEvent(
      deps,
      event('license.expiring', '2026-11-26T09:00:00Z', { milestone: 90 }),
      now,
    );
    expect(tracked).toMatchObject({
      id: 'lic-1',
      status: 'expiring',
      openAlerts: { 'license-expiring': 'license:lic-1~license-expiring~0' },
    });
    await trackLicenseEvent(deps, event('license.expiring', '2026-12-26T09:00:00Z', { milestone: 60 }), now);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toMatchObject({
      deploymentId: 'license:lic-1',
      notify: ['owner@contoso.example'],
      state: 'open',
    });
    // No repeat reminders: the milestones are the reminders.
    expect(alerts()[0]?.remindAt).toBeUndefined();
    expect(published()).toEqual([
      'license:license.expiring#90@license:lic-1~license-expiring~0',
      'license:license.expiring#60@license:lic-1~license-expiring~0',
    ]);
    // Keyed by the licence service's idempotency key: a redelivered event publishes the same message id.
    await trackLicenseEvent(deps, event('license.expiring', '2026-12-26T09:00:00Z', { milestone: 60 }), now);
    expect(keys()).toEqual([
      'license-license.expiring:2026-11-26T09:00:00Z',
      'license-license.expiring:2026-12-26T09:00:00Z',
      'license-license.expiring:2026-12-26T09:00:00Z',
    ]);
  });

  it('sends nothing for an issued licence', async () => {
    const { deps, published } = setup();
    await trackLicenseEvent(deps, event('license.issued', '2026-11-26T09:00:00Z', { status: 'active' }), now);
    expect(published()).toEqual([]);
  });

  it('ignores an event older than the stored state', async () => {
    const { deps, alerts } = setup();
    await trackLicenseEvent(
      deps,
      event('license.renewed', '2026-11-26T09:00:00Z', { status: 'active' }),
      now,
    );
    const stale = await trackLicenseEvent(
      deps,
      event('license.expiring', '2026-11-01T09:00:00Z', { milestone: 30 }),
      now,
    );
    expect(stale?.status).toBe('active');
    expect(alerts()).toEqual([]);
  });

  it('expired opens the expired alert and resolves expiring; renewal resolves everything', async () => {
    const { deps, alerts, published } = setup();
    await trackLicenseEvent(deps, event('license.expiring', '2026-11-26T09:00:00Z', { milestone: 7 }), now);
    await trackLicenseEvent(
      deps,
      event('license.expired', '2026-11-27T09:00:00Z', { status: 'expired' }),
      now,
    );
    expect(
      alerts()
        .map((a) => `${a.rule}:${a.state}:${a.severity}`)
        .sort(),
    ).toEqual(['license-expired:open:critical', 'license-expiring:resolved:critical']);
    const tracked = await trackLicenseEvent(
      deps,
      event('license.renewed', '2026-11-28T09:00:00Z', { status: 'active' }),
      now,
    );
    expect(tracked?.openAlerts).toEqual({});
    expect(alerts().every((a) => a.state === 'resolved')).toBe(true);
    expect(published()).toEqual([
      'license:license.expiring#7@license:lic-1~license-expiring~0',
      'license:license.expired#-@license:lic-1~license-expired~1',
      'license:license.renewed#-@-',
    ]);
  });
});

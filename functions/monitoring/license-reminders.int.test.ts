/**
 * Renewal reminders end to end: the licence service's expiry sweep (run twice at once, then again) →
 * `license.*` events on Service Bus → monitoring's tracker → the mailer → the ACS e-mail stand-in's outbox.
 * Exactly one e-mail per licence, milestone and recipient, even with overlapping sweeps and a redelivered
 * event; the licence contacts and the vendor's account manager receive it, with the renewal link.
 */
import { ServiceBusEventPublisher } from '@kpi/shared/platform/servicebus/service-bus-publisher';
import { describe, expect, it } from 'vitest';
import { useMonitoringStack } from './monitoring-harness';
import { outbox, poll } from './monitoring-test-kit';

const h = useMonitoringStack();
const day = 86_400_000;
const ada = 'ada@vendor.example';

interface IssuedLicense {
  license: { id: string; expiresAt: string; graceDays: number; configurationId: string; status: string };
}

async function issue(daysLeft: number, contact: string): Promise<IssuedLicense['license']> {
  const res = await fetch(`${h.stack.urls.api}/license/licenses`, {
    method: 'POST',
    headers: await h.as(ada),
    body: JSON.stringify({
      tenantId: 'contoso',
      // No kpiIds: the licence carries the seeded configuration's selection.
      configurationId: 'contoso-plant-analytics',
      edition: 'standard',
      maxDeployments: 2,
      expiresAt: new Date(Date.now() + daysLeft * day - 3_600_000).toISOString(),
      graceDays: 14,
      contacts: [contact],
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as IssuedLicense).license;
}

async function sweep(): Promise<void> {
  const res = await fetch(`${h.stack.urls.host}/admin/functions/licenses-expiry-sweep?wait=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(200);
}

/** E-mails about a licence, by recipient. */
async function mailsAbout(licenseId: string): Promise<Record<string, string[]>> {
  const by: Record<string, string[]> = {};
  for (const m of await outbox(h.stack)) {
    if (!(m.content.plainText ?? '').includes(licenseId)) continue;
    for (const r of m.recipients.to) by[r.address] = [...(by[r.address] ?? []), m.content.subject];
  }
  return by;
}

/** Waits until the outbox has held still for a while (no late duplicates), then returns it. */
async function settled(licenseId: string, expected: number): Promise<Record<string, string[]>> {
  await poll(`${expected} e-mails about ${licenseId}`, async () => {
    const n = Object.values(await mailsAbout(licenseId)).flat().length;
    return n >= expected ? n : undefined;
  });
  // Duplicates would arrive within the broker's redelivery time; give them the chance to.
  await new Promise((r) => setTimeout(r, 3000));
  return mailsAbout(licenseId);
}

describe('licence renewal reminders', () => {
  it('one e-mail per milestone to the contacts and the account manager, despite overlapping sweeps and redelivery', async () => {
    const put = await h.call(ada, 'PUT', 'vendor/settings', {
      accountManagers: { default: 'accounts@vendor.example', byTenant: { contoso: 'maria@vendor.example' } },
    });
    expect(put.status).toBe(200);
    // Tenant admins read who their own account manager is (the vendor settings stay staff-only).
    const own = await h.call('olivia@contoso.example', 'GET', 'tenants/contoso/account-manager');
    expect(await own.json()).toEqual({ tenantId: 'contoso', email: 'maria@vendor.example' });
    const fallback = await h.call('alex@fabrikam.example', 'GET', 'tenants/fabrikam/account-manager');
    expect(await fallback.json()).toEqual({ tenantId: 'fabrikam', email: 'accounts@vendor.example' });
    const foreign = await h.call('alex@fabrikam.example', 'GET', 'tenants/contoso/account-manager');
    expect(foreign.status).toBe(403);
    await foreign.body?.cancel();

    // 25 days left: the 30-day milestone is due; 5 days left: the 7-day one.
    const soon = await issue(25, 'it@contoso.example');
    const sooner = await issue(5, 'cfo@contoso.example');
    await Promise.all([sweep(), sweep()]);
    await sweep();

    // The 30-day event delivered once more (same message id, a later time): no second e-mail.
    const publisher = ServiceBusEventPublisher.fromConnection({
      kind: 'connectionString',
      value: h.stack.values.SERVICEBUS as string,
    });
    const messageId = `license.expiring:${soon.id}:${soon.expiresAt}:30`;
    await publisher.publish('license-events', {
      type: 'license.expiring',
      subject: soon.id,
      messageId,
      data: {
        licenseId: soon.id,
        tenantId: 'contoso',
        configurationId: soon.configurationId,
        expiresAt: soon.expiresAt,
        graceDays: soon.graceDays,
        status: 'expiring',
        contacts: ['it@contoso.example'],
        milestone: 30,
        idempotencyKey: messageId,
      },
    });
    await sweep();

    const first = await settled(soon.id, 2);
    expect(first).toEqual({
      'it@contoso.example': [
        `[KPI Platform] Your KPI Platform licence expires in 30 days (${soon.expiresAt.slice(0, 10)})`,
      ],
      'maria@vendor.example': [
        `[KPI Platform] Your KPI Platform licence expires in 30 days (${soon.expiresAt.slice(0, 10)})`,
      ],
    });
    const second = await settled(sooner.id, 2);
    expect(Object.keys(second).sort()).toEqual(['cfo@contoso.example', 'maria@vendor.example']);
    expect(Object.values(second).every((s) => s.length === 1 && s[0]?.includes('expires in 7 days'))).toBe(
      true,
    );

    // The e-mail carries the renewal link (Monitor's licence page) in text and HTML, and names the manager.
    const mail = (await outbox(h.stack)).find(
      (m) => m.content.plainText?.includes(soon.id) && m.recipients.to[0]?.address === 'it@contoso.example',
    );
    const link = `${h.stack.values.MONITOR_UI_URL}/licenses?license=${soon.id}`;
    expect(mail?.content.plainText).toContain(link);
    expect(mail?.content.html).toContain(`href="${link}"`);
    expect(mail?.content.plainText).toContain('maria@vendor.example');

    // The outbox records them as licence e-mails; the inbox holds one open "expiring" alert per licence.
    const records = (await (await h.call(ada, 'GET', 'tenants/contoso/notifications')).json()) as {
      items: { kind: string; licenseId?: string; status: string }[];
    };
    expect(records.items.filter((r) => r.licenseId === soon.id).map((r) => `${r.kind}:${r.status}`)).toEqual([
      'license:sent',
      'license:sent',
    ]);
    const alerts = (await (
      await h.call(ada, 'GET', 'tenants/contoso/alerts?rule=license-expiring')
    ).json()) as { items: { deploymentId: string; state: string }[] };
    expect(alerts.items.filter((a) => a.deploymentId === `license:${soon.id}`)).toHaveLength(1);
  });
});

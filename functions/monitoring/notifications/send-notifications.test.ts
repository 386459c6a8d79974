import type { Alert } from '@kpi/shared/contracts/monitoring-alert';
import {
  notificationRecordSchema,
  RECORD_HTML_MAX,
  RECORD_HTML_TRUNCATED,
  recordHtml,
} from '@kpi/shared/contracts/monitoring-notification';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { beforeEach, describe, expect, it } from 'vitest';
import { invalidateTenantRules, VENDOR_TENANT } from '../rules/tenant-rules';
import { memoryDependencies } from '../support/memory-stores';
import { sendNotifications } from './send-notifications';

const now = new Date('2026-11-26T10:00:00.000Z');
const contoso = systemScope('contoso', 'test');
const alert = (id: string, over: Partial<Alert> = {}): Alert => ({
  id,
  tenantId: 'contoso',
  deploymentId: id.split('~')[0] as string,
  rule: 'heartbeat-missing',
  severity: 'critical',
  state: 'open',
  summary: 'No heartbeat',
  openedAt: now.toISOString(),
  reminders: 0,
  flapping: false,
  updatedAt: now.toISOString(),
  ...over,
});
const group = (alertIds: string[], key = `opened-${alertIds.join('-')}`) => ({
  key,
  tenantId: 'contoso',
  kind: 'opened' as const,
  alertIds,
  occurrences: alertIds.map(() => 0),
});

let m: ReturnType<typeof memoryDependencies>;

beforeEach(async () => {
  invalidateTenantRules('contoso');
  invalidateTenantRules(VENDOR_TENANT);
  m = memoryDependencies();
  const settings = (tenantId: string, emails: string[]) => ({
    id: 'settings' as const,
    thresholds: {},
    contacts: { emails, severities: ['critical' as const] },
    disabledRules: [],
    updatedAt: now.toISOString(),
    updatedBy: 'x',
    tenantId,
  });
  await m.stores.settings.create(contoso, settings('contoso', ['ops@contoso.example']));
  await m.stores.settings.create(
    systemScope(VENDOR_TENANT, 'test'),
    settings(VENDOR_TENANT, ['sam@vendor.example']),
  );
});

describe('sendNotifications', () => {
  it('one e-mail per recipient for alerts that fire together; a redelivery sends nothing new', async () => {
    await m.stores.alerts.create(contoso, alert('d1~heartbeat-missing~0'));
    await m.stores.alerts.create(contoso, alert('d2~heartbeat-missing~0'));
    const g = group(['d1~heartbeat-missing~0', 'd2~heartbeat-missing~0']);
    const first = await sendNotifications(m.deps, g, now);
    expect(first.sent).toEqual(['ops@contoso.example', 'sam@vendor.example']);
    expect(m.stores.mailer.sent.map((s) => s.subject)).toEqual([
      '[KPI Monitor] CRITICAL contoso: 2 alerts opened',
      '[KPI Monitor] CRITICAL contoso: 2 alerts opened',
    ]);
    const again = await sendNotifications(m.deps, g, now);
    expect(again.sent).toEqual([]);
    expect(m.stores.mailer.sent).toHaveLength(2);
  });

  it('the outbox record keeps the HTML and text that were sent', async () => {
    await m.stores.alerts.create(contoso, alert('d1~heartbeat-missing~0'));
    await sendNotifications(m.deps, group(['d1~heartbeat-missing~0']), now);
    const mail = m.stores.mailer.sent[0];
    expect(mail?.html).toContain('<html');
    const records = [...m.stores.notifications.items.values()].map((e) => e.item);
    const sent = records.filter((r) => r.status === 'sent');
    expect(sent).toHaveLength(2);
    for (const r of sent) {
      expect(r.html).toBe(mail?.html);
      expect(r.text).toBe(mail?.text);
    }
  });

  it('recordHtml keeps short HTML as is and cuts long HTML with a visible marker', () => {
    expect(recordHtml('<p>hi</p>')).toBe('<p>hi</p>');
    const long = `<p>${'x'.repeat(RECORD_HTML_MAX + 10)}</p>`;
    const kept = recordHtml(long);
    expect(kept.startsWith(long.slice(0, RECORD_HTML_MAX))).toBe(true);
    expect(kept.endsWith(RECORD_HTML_TRUNCATED)).toBe(true);
    expect(kept).toHaveLength(RECORD_HTML_MAX + RECORD_HTML_TRUNCATED.length);
    expect(notificationRecordSchema.shape.html.safeParse(kept).success).toBe(true);
    // A surrogate pair straddling the cut is dropped whole, not split.
    const emoji = `${'x'.repeat(RECORD_HTML_MAX - 1)}😀tail`;
    expect(recordHtml(emoji)).toBe(`${'x'.repeat(RECORD_HTML_MAX - 1)}${RECORD_HTML_TRUNCATED}`);
  });

  it('tenant contacts only get the severities they chose; vendor support gets all', async () => {
    await m.stores.alerts.create(contoso, alert('d1~memory~0', { rule: 'memory', severity: 'warning' }));
    const out = await sendNotifications(m.deps, group(['d1~memory~0']), now);
    expect(out.sent).toEqual(['sam@vendor.example']);
  });

  it('silenced and flapping alerts are recorded, not mailed', async () => {
    await m.stores.alerts.create(contoso, alert('d1~heartbeat-missing~0'));
    await m.stores.alerts.create(contoso, alert('d2~heartbeat-missing~0', { flapping: true }));
    await m.stores.silences.create(contoso, {
      id: 's1',
      matchers: [{ label: 'deploymentId', op: '=', value: 'd1' }],
      schedule: { startsAt: '2026-11-26T09:00:00.000Z', endsAt: '2026-11-26T11:00:00.000Z' },
      comment: 'known',
      createdBy: 'x',
      createdAt: now.toISOString(),
    });
    const out = await sendNotifications(
      m.deps,
      group(['d1~heartbeat-missing~0', 'd2~heartbeat-missing~0']),
      now,
    );
    expect(out.sent).toEqual([]);
    expect(out.skipped).toEqual({
      'd1~heartbeat-missing~0': 'silenced',
      'd2~heartbeat-missing~0': 'flapping',
    });
    expect(m.stores.mailer.sent).toEqual([]);
    const records = [...m.stores.notifications.items.values()].map((e) => e.item.status).sort();
    expect(records).toEqual(['flapping', 'silenced']);
  });

  it('rate-limits per recipient and records the skipped e-mails', async () => {
    const limit = { max: 2, windowMinutes: 60 };
    for (let i = 0; i < 3; i++) {
      await m.stores.alerts.create(contoso, alert(`d${i}~heartbeat-missing~0`));
      await sendNotifications(m.deps, group([`d${i}~heartbeat-missing~0`]), now, undefined, limit);
    }
    const toOps = m.stores.mailer.sent.filter((s) => s.to[0] === 'ops@contoso.example');
    expect(toOps).toHaveLength(2);
    const limited = [...m.stores.notifications.items.values()].filter(
      (e) => e.item.status === 'rate-limited',
    );
    expect(limited.map((e) => e.item.recipient).sort()).toEqual([
      'ops@contoso.example',
      'sam@vendor.example',
    ]);
  });

  it('reminders only go out for alerts still open', async () => {
    await m.stores.alerts.create(contoso, alert('d1~heartbeat-missing~0', { state: 'acknowledged' }));
    const out = await sendNotifications(
      m.deps,
      { ...group(['d1~heartbeat-missing~0']), kind: 'reminder' },
      now,
    );
    expect(out.sent).toEqual([]);
    expect(m.stores.mailer.sent).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Alert } from '../../contracts/monitoring-alert';
import { admit, groupNotices, type Notice, recipientsFor } from './notifications';
import { renderNotification } from './render-notification';

const now = new Date('2026-11-26T10:00:00.000Z');
const n = (tenantId: string, alertId: string, kind: Notice['kind'] = 'opened', occurrence = 0): Notice => ({
  tenantId,
  alertId,
  kind,
  occurrence,
});

describe('groupNotices', () => {
  it('groups alerts that fire together by tenant and kind', () => {
    const groups = groupNotices([
      n('contoso', 'a'),
      n('fabrikam', 'b'),
      n('contoso', 'c'),
      n('contoso', 'd', 'resolved'),
    ]);
    expect(groups.map((g) => [g.tenantId, g.kind, g.alertIds])).toEqual([
      ['contoso', 'opened', ['a', 'c']],
      ['fabrikam', 'opened', ['b']],
      ['contoso', 'resolved', ['d']],
    ]);
  });

  it('keys are deterministic and order-independent, and differ by event', () => {
    const [a] = groupNotices([n('t', 'x'), n('t', 'y')]);
    const [b] = groupNotices([n('t', 'y'), n('t', 'x')]);
    const [c] = groupNotices([n('t', 'x', 'reminder', 1), n('t', 'y', 'reminder', 1)]);
    const [d] = groupNotices([n('t', 'x', 'reminder', 2), n('t', 'y', 'reminder', 1)]);
    expect(a?.key).toBe(b?.key);
    expect(c?.key).not.toBe(d?.key);
    expect(a?.key.startsWith('opened-')).toBe(true);
  });

  it('drops duplicates and chunks large groups', () => {
    const many = Array.from({ length: 7 }, (_, i) => n('t', `a${i}`));
    const groups = groupNotices([...many, n('t', 'a0')], 3);
    expect(groups.map((g) => g.alertIds.length)).toEqual([3, 3, 1]);
  });
});

describe('admit: sliding-window rate limit', () => {
  const limit = { max: 3, windowMinutes: 60 };
  it('allows up to max in the window, then refuses until old sends age out', () => {
    let history: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = admit(history, new Date(now.getTime() + i * 60_000), limit);
      expect(r.allowed).toBe(true);
      history = r.history;
    }
    expect(admit(history, new Date(now.getTime() + 10 * 60_000), limit).allowed).toBe(false);
    const after = admit(history, new Date(now.getTime() + 60 * 60_000 + 1), limit);
    expect(after.allowed).toBe(true);
    expect(after.history).toHaveLength(3);
  });
});

describe('recipientsFor', () => {
  it('tenant contacts by severity, vendor support always, deduplicated', () => {
    const tenant = { emails: ['Olivia@contoso.example'], severities: ['critical'] as const };
    expect(
      recipientsFor(['critical'], { ...tenant, severities: [...tenant.severities] }, ['sam@vendor.example']),
    ).toEqual(['olivia@contoso.example', 'sam@vendor.example']);
    expect(
      recipientsFor(['warning'], { ...tenant, severities: ['critical'] }, ['sam@vendor.example']),
    ).toEqual(['sam@vendor.example']);
  });
});

describe('renderNotification', () => {
  const alert: Alert = {
    id: 'd1~error-rate~0',
    tenantId: 'contoso',
    deploymentId: 'd1',
    rule: 'error-rate',
    severity: 'critical',
    state: 'open',
    summary: 'Error rate 9% <script>',
    openedAt: now.toISOString(),
    reminders: 0,
    flapping: false,
    updatedAt: now.toISOString(),
  };
  it('renders subject, text and escaped HTML with the same content', () => {
    const mail = renderNotification({
      kind: 'opened',
      tenantId: 'contoso',
      alerts: [alert],
      monitorUrl: 'http://m/',
    });
    expect(mail.subject).toBe('[KPI Monitor] CRITICAL contoso/d1: error-rate');
    expect(mail.text).toContain('Error rate 9% <script>');
    expect(mail.text).toContain('http://m/alerts');
    expect(mail.html).toContain('Error rate 9% &lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
  });
  it('summarises groups and resolved notices', () => {
    const mail = renderNotification({
      kind: 'resolved',
      tenantId: 'contoso',
      alerts: [
        { ...alert, state: 'resolved', resolvedAt: now.toISOString(), resolvedBy: 'auto' },
        { ...alert, id: 'x', deploymentId: 'd2', state: 'resolved' },
      ],
    });
    expect(mail.subject).toBe('[KPI Monitor] RESOLVED contoso: 2 alerts resolved');
    expect(mail.text).toContain('resolved 2026-11-26T10:00:00.000Z by auto');
  });
});

import { describe, expect, it } from 'vitest';
import { entityIdSchema } from '../../contracts/ids';
import {
  AlertTransitionError,
  acknowledgeAlert,
  alertId,
  openAlert,
  planAlerts,
  remindAlert,
  resolveAlert,
} from './alert-lifecycle';
import type { RuleEvaluation } from './alert-rules';

const now = new Date('2026-11-26T10:00:00.000Z');
const later = (min: number) => new Date(now.getTime() + min * 60_000);
const ev = (rule: RuleEvaluation['rule'], firing: boolean): RuleEvaluation => ({
  rule,
  firing,
  severity: 'critical',
  summary: `${rule} ${firing}`,
});
const alert = () =>
  openAlert({
    tenantId: 'contoso',
    deploymentId: 'd1',
    evaluation: { ...ev('error-rate', true), observed: 0.2, threshold: 0.05 },
    seq: 3,
    now,
    reminderMinutes: 60,
    flapping: false,
  });

describe('planAlerts: one open alert per rule and deployment', () => {
  it('opens firing rules without an open alert and resolves open ones that stopped firing', () => {
    const plan = planAlerts({ memory: 'd1~memory~0', 'latency-p95': 'd1~latency-p95~1' }, [
      ev('error-rate', true),
      ev('memory', true),
      ev('latency-p95', false),
      ev('data-freshness', false),
    ]);
    expect(plan.toOpen.map((e) => e.rule)).toEqual(['error-rate']);
    expect(plan.toResolve).toEqual([{ rule: 'latency-p95', alertId: 'd1~latency-p95~1' }]);
  });

  it('a rule that says nothing leaves its open alert alone', () => {
    expect(planAlerts({ 'error-rate': 'x' }, [])).toEqual({ toOpen: [], toResolve: [] });
  });
});

describe('alertId: always an id the alert routes take', () => {
  const long = `license:${'a'.repeat(120)}`; // 128 characters, the longest deployment id the edge takes

  it('keeps the readable form while it fits', () => {
    expect(alertId('contoso-prod', 'heartbeat-missing', 2)).toBe('contoso-prod~heartbeat-missing~2');
    const fits = 'd'.repeat(128 - '~memory~9'.length);
    expect(alertId(fits, 'memory', 9)).toBe(`${fits}~memory~9`);
  });

  it('shortens a too long one to its start, a hash of the deployment id, the rule and the sequence', () => {
    const id = alertId(long, 'license-expiring', 12);
    expect(id.length).toBeLessThanOrEqual(128);
    expect(entityIdSchema.safeParse(id).success).toBe(true);
    expect(id).toMatch(/^license:a+~[0-9a-z]{13}~license-expiring~12$/);
    expect(alertId(long, 'license-expiring', 12)).toBe(id);
    expect(alertId(long, 'license-expiring', 13)).not.toBe(id);
    // Two deployments that differ only past the kept start get different ids.
    expect(alertId(`${long.slice(0, -1)}b`, 'license-expiring', 12)).not.toBe(id);
  });

  it('fits for every rule and a large sequence number', () => {
    for (const rule of ['heartbeat-missing', 'license-expired', 'memory'] as const) {
      expect(entityIdSchema.safeParse(alertId(long, rule, 1_000_000)).success).toBe(true);
    }
  });
});

describe('lifecycle', () => {
  it('opens with a deterministic id and a reminder time', () => {
    const a = alert();
    expect(a).toMatchObject({
      id: 'd1~error-rate~3',
      state: 'open',
      observed: 0.2,
      remindAt: later(60).toISOString(),
    });
    expect(alert()).toEqual(a);
  });

  it('open → acknowledged (comment, no more reminders) → resolved', () => {
    const acked = acknowledgeAlert(alert(), 'sam@vendor.example', 'looking into it', later(1));
    expect(acked).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'sam@vendor.example',
      comment: 'looking into it',
    });
    expect(acked.remindAt).toBeUndefined();
    expect(remindAlert(acked, later(120), 60)).toBeUndefined();
    const resolved = resolveAlert(acked, 'auto', later(5));
    expect(resolved).toMatchObject({
      state: 'resolved',
      resolvedBy: 'auto',
      resolvedAt: later(5).toISOString(),
    });
  });

  it('refuses to acknowledge twice or resolve twice', () => {
    const acked = acknowledgeAlert(alert(), 'a', 'c', now);
    expect(() => acknowledgeAlert(acked, 'a', 'c', now)).toThrow(AlertTransitionError);
    const resolved = resolveAlert(alert(), 'b', now, 'fixed');
    expect(resolved.comment).toBe('fixed');
    expect(() => resolveAlert(resolved, 'b', now)).toThrow(/already resolved/);
  });

  it('reminds an open alert when due, and schedules the next reminder', () => {
    expect(remindAlert(alert(), later(59), 60)).toBeUndefined();
    const r = remindAlert(alert(), later(60), 60);
    expect(r).toMatchObject({ reminders: 1, remindAt: later(120).toISOString() });
  });
});

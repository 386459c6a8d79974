import { describe, expect, it } from 'vitest';
import type { MaintenanceWindow, Silence } from '../../contracts/monitoring-rules';
import { type AlertLabels, activeMaintenance, activeSilence, matcherProblem, matches } from './silences';

const labels: AlertLabels = { deploymentId: 'contoso-prod', rule: 'error-rate', severity: 'critical' };
const now = new Date('2026-11-26T10:00:00.000Z');
const window1h = { startsAt: '2026-11-26T09:30:00.000Z', endsAt: '2026-11-26T10:30:00.000Z' };
const silence = (over: Partial<Silence>): Silence => ({
  id: 's1',
  tenantId: 'contoso',
  matchers: [{ label: 'deploymentId', op: '=', value: 'contoso-prod' }],
  schedule: window1h,
  comment: 'deploying',
  createdBy: 'x',
  createdAt: now.toISOString(),
  ...over,
});

describe('matchers', () => {
  it.each([
    [{ label: 'deploymentId', op: '=', value: 'contoso-prod' }, true],
    [{ label: 'deploymentId', op: '=', value: 'contoso' }, false],
    [{ label: 'rule', op: '!=', value: 'memory' }, true],
    [{ label: 'deploymentId', op: '=~', value: 'contoso-.*' }, true],
    [{ label: 'deploymentId', op: '=~', value: 'contoso' }, false],
    [{ label: 'severity', op: '!~', value: 'warn.*|info' }, true],
    [{ label: 'severity', op: '!~', value: 'crit.*' }, false],
  ] as const)('%o → %s', (m, r) => {
    expect(matches(m, labels)).toBe(r);
  });

  it('an invalid pattern is reported and never matches', () => {
    const bad = { label: 'rule', op: '=~', value: '(' } as const;
    expect(matcherProblem(bad)).toMatch(/invalid pattern/);
    expect(matches(bad, labels)).toBe(false);
  });
});

describe('activeSilence', () => {
  it('needs every matcher to match and the schedule to be active', () => {
    expect(activeSilence([silence({})], labels, now)?.id).toBe('s1');
    const two = silence({
      matchers: [
        { label: 'deploymentId', op: '=', value: 'contoso-prod' },
        { label: 'rule', op: '=', value: 'memory' },
      ],
    });
    expect(activeSilence([two], labels, now)).toBeUndefined();
    expect(activeSilence([silence({})], labels, new Date('2026-11-26T10:30:00.000Z'))).toBeUndefined();
  });

  it('recurring silences apply only during their occurrences', () => {
    const nightly = silence({
      schedule: { recurrence: { cron: '0 22 * * *', timeZone: 'UTC', durationMinutes: 600 } },
    });
    expect(activeSilence([nightly], labels, new Date('2026-11-26T07:59:00.000Z'))).toBeDefined();
    expect(activeSilence([nightly], labels, new Date('2026-11-26T08:00:00.000Z'))).toBeUndefined();
  });
});

describe('activeMaintenance', () => {
  const w = (over: Partial<MaintenanceWindow>): MaintenanceWindow => ({
    id: 'w1',
    tenantId: 'contoso',
    deploymentIds: [],
    schedule: window1h,
    reason: 'upgrade',
    createdBy: 'x',
    createdAt: now.toISOString(),
    ...over,
  });
  it('covers all deployments when none are listed, else only those listed', () => {
    expect(activeMaintenance([w({})], 'any', now)?.window.id).toBe('w1');
    expect(activeMaintenance([w({ deploymentIds: ['a'] })], 'b', now)).toBeUndefined();
    expect(activeMaintenance([w({ deploymentIds: ['a'] })], 'a', now)).toBeDefined();
  });
  it('picks the window that ends last', () => {
    const longer = w({
      id: 'w2',
      schedule: { startsAt: window1h.startsAt, endsAt: '2026-11-26T12:00:00.000Z' },
    });
    expect(activeMaintenance([w({}), longer], 'x', now)?.occurrence.end.toISOString()).toBe(
      '2026-11-26T12:00:00.000Z',
    );
  });
});

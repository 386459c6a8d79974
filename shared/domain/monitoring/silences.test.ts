import { describe, expect, it } from 'vitest';
import type { MaintenanceWindow, Silence } from '../../contracts/monitoring-rules';
import {
  type AlertLabels,
  activeMaintenance,
  activeSilence,
  matcherProblem,
  matches,
  patternProblem,
} from './silences';

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

describe('patterns run in linear time (RE2)', () => {
  const redos = { label: 'deploymentId', op: '=~', value: '(x+x+)+y' } as const;
  const id = (n: number) => ({ ...labels, deploymentId: 'x'.repeat(n) });

  it('(x+x+)+y against a 28-character id answers at once (a backtracking engine took 8 s)', () => {
    expect(matcherProblem(redos)).toBeUndefined();
    expect(matches(redos, id(28))).toBe(false);
    expect(matches(redos, { ...labels, deploymentId: 'xxxy' })).toBe(true);
  });

  it('ten times the input costs about ten times the time, not 2^n (compared, not timed against a limit)', () => {
    const cost = (n: number) => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 5; i++) {
        const began = performance.now();
        matches(redos, id(n));
        best = Math.min(best, performance.now() - began);
      }
      return Math.max(best, 0.05);
    };
    cost(2000); // warm-up
    expect(cost(20_000) / cost(2000)).toBeLessThan(100);
  });

  it.each([
    ['(?=x)x', /unsupported Perl syntax/],
    ['(a)\\1', /invalid escape/],
    ['a{1001}', /invalid repeat count/],
  ])('refuses %s, which RE2 cannot run in linear time, with the reason', (value, reason) => {
    const problem = matcherProblem({ label: 'deploymentId', op: '!~', value });
    expect(problem).toMatch(/^invalid pattern .* for deploymentId !~: /);
    expect(problem).toMatch(reason);
    expect(patternProblem(value)).toMatch(reason);
  });

  it('= and != take any value literally', () => {
    expect(matcherProblem({ label: 'deploymentId', op: '=', value: '(' })).toBeUndefined();
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

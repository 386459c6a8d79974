import { describe, expect, it } from 'vitest';
import {
  type Alert,
  alertHistory,
  alertSubject,
  alertsPath,
  DEFAULT_FILTER,
  filterAlerts,
  silencedUntil,
  silenceMatchersFor,
  sortAlerts,
} from './alert-model';

const alert = (over: Partial<Alert>): Alert => ({
  id: 'a',
  tenantId: 'contoso',
  deploymentId: 'contoso-prod',
  rule: 'heartbeat-missing',
  severity: 'critical',
  state: 'open',
  summary: 'No heartbeat for 4 min',
  openedAt: '2026-11-26T10:00:00.000Z',
  reminders: 0,
  flapping: false,
  updatedAt: '2026-11-26T10:00:00.000Z',
  ...over,
});

const alerts = [
  alert({ id: 'old-critical', openedAt: '2026-11-26T08:00:00.000Z' }),
  alert({
    id: 'new-warning',
    severity: 'warning',
    rule: 'latency-p95',
    openedAt: '2026-11-26T11:00:00.000Z',
  }),
  alert({
    id: 'acked',
    state: 'acknowledged',
    comment: 'Looking into the DB',
    openedAt: '2026-11-26T09:00:00.000Z',
  }),
  alert({
    id: 'done',
    state: 'resolved',
    severity: 'info',
    deploymentId: 'license:lic-1',
    rule: 'license-expiring',
  }),
];

describe('alert filters', () => {
  it('hides resolved alerts by default and filters by state, severity, rule and text', () => {
    expect(filterAlerts(alerts, DEFAULT_FILTER).map((a) => a.id)).toEqual([
      'old-critical',
      'new-warning',
      'acked',
    ]);
    expect(filterAlerts(alerts, { ...DEFAULT_FILTER, state: 'all' })).toHaveLength(4);
    expect(filterAlerts(alerts, { ...DEFAULT_FILTER, state: 'resolved' }).map((a) => a.id)).toEqual(['done']);
    expect(filterAlerts(alerts, { ...DEFAULT_FILTER, severity: 'warning' }).map((a) => a.id)).toEqual([
      'new-warning',
    ]);
    expect(filterAlerts(alerts, { ...DEFAULT_FILTER, rule: 'latency-p95' }).map((a) => a.id)).toEqual([
      'new-warning',
    ]);
    expect(filterAlerts(alerts, { ...DEFAULT_FILTER, text: '  the db ' }).map((a) => a.id)).toEqual([
      'acked',
    ]);
    expect(filterAlerts(alerts, { ...DEFAULT_FILTER, state: 'all', text: 'LIC-1' }).map((a) => a.id)).toEqual(
      ['done'],
    );
  });

  it('sorts newest first, or most severe first then newest', () => {
    expect(sortAlerts(alerts, 'newest').map((a) => a.id)).toEqual([
      'new-warning',
      'done',
      'acked',
      'old-critical',
    ]);
    // critical: acked (09:00) before old-critical (08:00); then warning; then info.
    expect(sortAlerts(alerts, 'severity').map((a) => a.id)).toEqual([
      'acked',
      'old-critical',
      'new-warning',
      'done',
    ]);
  });

  it('asks the API for one state and rule; every tenant for staff without a tenant', () => {
    expect(alertsPath(undefined, DEFAULT_FILTER)).toBe('monitoring/alerts?limit=100');
    expect(alertsPath('contoso', { ...DEFAULT_FILTER, state: 'open', rule: 'memory' })).toBe(
      'monitoring/tenants/contoso/alerts?limit=100&state=open&rule=memory',
    );
  });
});

describe('alert subject, history and silence', () => {
  it('tells deployments from licences', () => {
    expect(alertSubject({ deploymentId: 'contoso-prod' })).toEqual({
      kind: 'deployment',
      id: 'contoso-prod',
    });
    expect(alertSubject({ deploymentId: 'license:lic-1' })).toEqual({ kind: 'license', id: 'lic-1' });
  });

  it('lists opened, acknowledged with comment and resolved, oldest first', () => {
    const steps = alertHistory(
      alert({
        acknowledgedAt: '2026-11-26T10:05:00.000Z',
        acknowledgedBy: 'olivia@contoso.example',
        comment: 'on it',
        resolvedAt: '2026-11-26T10:30:00.000Z',
        resolvedBy: 'auto',
      }),
    );
    expect(steps.map((s) => s.what)).toEqual([
      'Opened: No heartbeat for 4 min',
      'Acknowledged',
      'Resolved automatically on recovery',
    ]);
    expect(steps[1]).toMatchObject({ by: 'olivia@contoso.example', comment: 'on it' });
    expect(steps[2]?.by).toBeUndefined();
  });

  it('silences the alert’s subject and rule exactly', () => {
    expect(silenceMatchersFor({ deploymentId: 'contoso-prod', rule: 'memory' })).toEqual([
      { label: 'deploymentId', op: '=', value: 'contoso-prod' },
      { label: 'rule', op: '=', value: 'memory' },
    ]);
  });
});

describe('silenced alerts', () => {
  it('finds the active silence whose matchers all match, and when it ends', () => {
    const now = new Date('2026-11-26T12:00:00.000Z');
    const silence = (
      id: string,
      matchers: { label: 'deploymentId' | 'rule'; op: '=' | '=~'; value: string }[],
      endsAt: string,
    ) => ({
      id,
      tenantId: 'contoso',
      matchers,
      schedule: { startsAt: '2026-11-26T11:00:00.000Z', endsAt },
      comment: 'x',
      createdBy: 'olivia@contoso.example',
      createdAt: '2026-11-26T11:00:00.000Z',
    });
    const a = alert({ deploymentId: 'contoso-lab', rule: 'memory' });
    expect(
      silencedUntil(
        a,
        [
          silence(
            's1',
            [{ label: 'deploymentId', op: '=', value: 'contoso-prod' }],
            '2026-11-26T13:00:00.000Z',
          ),
        ],
        now,
      ),
    ).toBeUndefined();
    expect(
      silencedUntil(
        a,
        [
          silence(
            's2',
            [
              { label: 'deploymentId', op: '=~', value: 'contoso-.*' },
              { label: 'rule', op: '=', value: 'memory' },
            ],
            '2026-11-26T15:00:00.000Z',
          ),
        ],
        now,
      )?.toISOString(),
    ).toBe('2026-11-26T15:00:00.000Z');
    // Over: no longer silenced.
    expect(
      silencedUntil(
        a,
        [silence('s3', [{ label: 'rule', op: '=', value: 'memory' }], '2026-11-26T12:00:00.000Z')],
        now,
      ),
    ).toBeUndefined();
  });
});

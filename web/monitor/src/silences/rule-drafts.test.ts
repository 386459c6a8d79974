import { describe, expect, it } from 'vitest';
import { bodyFromDraft, draftFrom, draftFromQuery, emptyDraft } from './rule-drafts';

describe('silence and window drafts', () => {
  it('turns a one-off silence draft into the API body', () => {
    const d = emptyDraft('silence', new Date('2026-11-26T12:00:00.000Z'));
    d.matchers = [{ label: 'rule', op: '=', value: ' heartbeat-missing ' }];
    d.reason = 'planned upgrade';
    expect(bodyFromDraft(d)).toEqual({
      body: {
        matchers: [{ label: 'rule', op: '=', value: 'heartbeat-missing' }],
        schedule: { startsAt: '2026-11-26T12:00:00.000Z', endsAt: '2026-11-26T14:00:00.000Z' },
        comment: 'planned upgrade',
      },
    });
  });

  it('lists every problem: empty matcher, bad pattern, bad cron, no reason', () => {
    const d = emptyDraft('silence');
    d.matchers.push({ label: 'deploymentId', op: '=~', value: '(' });
    d.schedule = { ...d.schedule, recurring: true, cron: '0 2 * *', start: '', end: '' };
    const result = bodyFromDraft(d);
    expect('problems' in result && result.problems).toEqual([
      expect.stringContaining('5 fields'),
      'Say why (comment).',
      'The deploymentId matcher needs a value.',
      '( is not a valid pattern.',
    ]);
  });

  it('round-trips a recurring maintenance window through a draft', () => {
    const window = {
      id: 'w1',
      tenantId: 'contoso',
      deploymentIds: ['contoso-prod'],
      schedule: { recurrence: { cron: '0 2 * * 0', timeZone: 'Europe/Berlin', durationMinutes: 90 } },
      reason: 'weekly patching',
      createdBy: 'olivia@contoso.example',
      createdAt: '2026-11-26T12:00:00.000Z',
    };
    expect(bodyFromDraft(draftFrom('window', window))).toEqual({
      body: { deploymentIds: ['contoso-prod'], schedule: window.schedule, reason: 'weekly patching' },
    });
  });

  it('refuses an end before the start', () => {
    const d = emptyDraft('window');
    d.reason = 'x';
    d.schedule = { ...d.schedule, start: '2026-11-26T14:00', end: '2026-11-26T13:00' };
    expect(bodyFromDraft(d)).toEqual({ problems: ['The start must be before the end.'] });
  });
});

describe('drafts asked for in the query string', () => {
  it('prefills a silence with deployment and rule, a window with its deployment', () => {
    expect(
      draftFromQuery('?tenant=contoso&new=silence&deploymentId=contoso-prod&rule=memory')?.matchers,
    ).toEqual([
      { label: 'deploymentId', op: '=', value: 'contoso-prod' },
      { label: 'rule', op: '=', value: 'memory' },
    ]);
    const window = draftFromQuery('?new=window&deploymentId=contoso-prod');
    expect(window).toMatchObject({ kind: 'window', deploymentIds: ['contoso-prod'] });
    expect(draftFromQuery('?new=silence')?.matchers).toEqual([{ label: 'deploymentId', op: '=', value: '' }]);
    expect(draftFromQuery('?tenant=contoso')).toBeUndefined();
  });
});

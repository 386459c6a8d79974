import { CLIENT_LICENSE_STATES } from '@kpi/shared/contracts/client-app';
import { describe, expect, it } from 'vitest';
import { bannerFromHeaders, licenseStates, mergeBanner, stateSummary } from './license-banner';
import { reasonText, whatToDo } from './reasons';

describe('bannerFromHeaders', () => {
  it('knows every state of the contract', () => {
    expect(licenseStates).toEqual(CLIENT_LICENSE_STATES);
  });

  it('reads state, days left and, when refused, the reason', () => {
    expect(
      bannerFromHeaders(new Headers({ 'x-license-state': 'grace', 'x-license-days-left': '20' })),
    ).toEqual({
      state: 'grace',
      daysLeft: 20,
    });
    expect(
      bannerFromHeaders(
        new Headers({
          'x-license-state': 'refused',
          'x-license-days-left': '0',
          'x-license-reason': 'LICENSE.EXPIRED',
        }),
      ),
    ).toEqual({ state: 'refused', daysLeft: 0, reasonCode: 'LICENSE.EXPIRED' });
  });

  it('ignores answers without licence headers or with an unknown state', () => {
    expect(bannerFromHeaders(new Headers())).toBeUndefined();
    expect(bannerFromHeaders(new Headers({ 'x-license-state': 'maybe' }))).toBeUndefined();
  });

  it('never invents days left from a malformed header', () => {
    expect(
      bannerFromHeaders(new Headers({ 'x-license-state': 'full', 'x-license-days-left': 'soon' }))?.daysLeft,
    ).toBe(0);
  });
});

describe('mergeBanner', () => {
  const refused = {
    state: 'refused' as const,
    daysLeft: 0,
    reasonCode: 'LICENSE.REVOKED',
    message: 'Revoked',
  };
  it('keeps the message while state and reason stay the same', () => {
    expect(
      mergeBanner(refused, { state: 'refused', daysLeft: 0, reasonCode: 'LICENSE.REVOKED' }).message,
    ).toBe('Revoked');
  });
  it('drops it when the state changes', () => {
    expect(mergeBanner(refused, { state: 'full', daysLeft: 300 }).message).toBeUndefined();
  });
});

describe('words', () => {
  it('summarises each state', () => {
    expect(stateSummary({ state: 'grace', daysLeft: 1 })).toBe('Grace period · 1 day left');
    expect(stateSummary({ state: 'full', daysLeft: 30 })).toContain('30 days');
  });
  it('names known reasons and falls back for new ones', () => {
    expect(reasonText('LICENSE.EXPIRED').title).toBe('The licence has expired');
    expect(reasonText('LICENSE.SOMETHING_NEW').title).toBe('The licence is refused');
  });
  it('tells admins to paste a key and others to ask them', () => {
    expect(whatToDo('LICENSE.EXPIRED', true)).toMatch(/Paste a renewed licence key/);
    expect(whatToDo('LICENSE.EXPIRED', false)).toMatch(/Ask your administrator/);
  });
});

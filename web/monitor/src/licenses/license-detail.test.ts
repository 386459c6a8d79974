import { describe, expect, it } from 'vitest';
import { graceEnd, lastValidationText, renewRequest, suggestedExpiryDate } from './license-detail';

const now = Date.parse('2026-11-26T12:00:00.000Z');

describe('licence detail helpers', () => {
  it('grace ends graceDays after expiry', () => {
    expect(graceEnd('2026-12-10T00:00:00.000Z', 14).toISOString()).toBe('2026-12-24T00:00:00.000Z');
  });

  it('shows the last validation relative to now, or never', () => {
    expect(lastValidationText(undefined, now)).toBe('never');
    expect(lastValidationText('2026-11-26T11:50:00.000Z', now)).toBe('10 min ago');
    expect(lastValidationText('2026-11-23T12:00:00.000Z', now)).toBe('3 d ago');
  });

  it('suggests a year after the expiry, or after today for a lapsed licence', () => {
    expect(suggestedExpiryDate('2026-12-10T00:00:00.000Z', now)).toBe('2027-12-10');
    expect(suggestedExpiryDate('2025-01-01T00:00:00.000Z', now)).toBe('2027-11-26');
  });

  it('builds the renew body: midnight UTC, grace only when given and valid', () => {
    expect(renewRequest('2027-06-01', '')).toEqual({ body: { expiresAt: '2027-06-01T00:00:00.000Z' } });
    expect(renewRequest('2027-06-01', ' 21 ')).toEqual({
      body: { expiresAt: '2027-06-01T00:00:00.000Z', graceDays: 21 },
    });
    expect(renewRequest('', '')).toEqual({ problem: 'Choose the new expiry date.' });
    expect(renewRequest('2027-06-01', '91')).toHaveProperty('problem');
    expect(renewRequest('2027-06-01', '1.5')).toHaveProperty('problem');
  });
});

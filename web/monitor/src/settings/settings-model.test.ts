import { DEFAULT_THRESHOLDS } from '@kpi/shared/contracts/monitoring-rules';
import { ApiError } from '@kpi/web-ui/api';
import { describe, expect, it } from 'vitest';
import {
  apiFieldErrors,
  effectiveDefaults,
  errorAt,
  managersDraft,
  managersInput,
  parseEmails,
  thresholdDraft,
  thresholdInput,
} from './settings-model';

describe('settings model', () => {
  it('shows the error rate as a percentage and sends it back as a fraction', () => {
    const draft = thresholdDraft({ errorRate: 0.075, latencyP95Ms: 900 });
    expect(draft.errorRate).toBe('7.5');
    expect(draft.latencyP95Ms).toBe('900');
    expect(draft.memoryRssMb).toBe('');
    const { input, errors } = thresholdInput({ ...draft, errorRate: '12' }, { errorRate: 0.075 });
    expect(errors).toEqual({});
    expect(input.thresholds).toEqual({ errorRate: 0.12, latencyP95Ms: 900 });
    expect(input.resetThresholds).toEqual([]);
  });

  it('blank fields that were overridden are reset; text that is not a number is refused', () => {
    const draft = thresholdDraft({ latencyP95Ms: 900, minAppVersion: '2.0.0' });
    const reset = thresholdInput(
      { ...draft, latencyP95Ms: ' ', minAppVersion: '' },
      { latencyP95Ms: 900, minAppVersion: '2.0.0' },
    );
    expect(reset.input).toEqual({ thresholds: {}, resetThresholds: ['latencyP95Ms', 'minAppVersion'] });
    const bad = thresholdInput({ ...draft, memoryRssMb: 'lots' }, {});
    expect(Object.keys(bad.errors)).toEqual(['thresholds.memoryRssMb']);
  });

  it('vendor overrides change the defaults a tenant falls back to', () => {
    const d = effectiveDefaults(DEFAULT_THRESHOLDS, { latencyP95Ms: 500, minAppVersion: '3.1.0' });
    expect(d.latencyP95Ms).toBe(500);
    expect(d.minAppVersion).toBe('3.1.0');
    expect(d.memoryRssMb).toBe(DEFAULT_THRESHOLDS.memoryRssMb);
  });

  it('parses e-mails from lines, commas and spaces, once each', () => {
    expect(parseEmails('a@x.example\n b@x.example, a@x.example;c@x.example  ')).toEqual([
      'a@x.example',
      'b@x.example',
      'c@x.example',
    ]);
  });

  it('account managers: empty rows are dropped, a missing or repeated tenant is refused', () => {
    const d = managersDraft({
      default: 'am@v.example',
      byTenant: { fabrikam: 'f@v.example', contoso: 'c@v.example' },
    });
    expect(d.byTenant.map((r) => r.tenantId)).toEqual(['contoso', 'fabrikam']);
    expect(managersInput({ ...d, byTenant: [...d.byTenant, { tenantId: '', email: '' }] }).input).toEqual({
      default: 'am@v.example',
      byTenant: { contoso: 'c@v.example', fabrikam: 'f@v.example' },
    });
    const bad = managersInput({
      default: '',
      byTenant: [
        { tenantId: '', email: 'x@v.example' },
        { tenantId: 'contoso', email: 'a@v.example' },
        { tenantId: 'contoso', email: 'b@v.example' },
      ],
    });
    expect(Object.keys(bad.errors).sort()).toEqual([
      'accountManagers.byTenant.contoso',
      'accountManagers.byTenant.row',
    ]);
    expect(bad.input).toEqual({ byTenant: { contoso: 'a@v.example' } });
  });

  it("maps the API's validation details to fields", () => {
    const err = new ApiError(400, 'REQUEST.VALIDATION_FAILED', 'Invalid request body', [
      { in: 'body', path: 'thresholds.errorRateWindowMinutes', message: 'Too big' },
      { in: 'body', path: 'contacts.emails.1', message: 'Invalid email address' },
    ]);
    const errors = apiFieldErrors(err);
    expect(errors['thresholds.errorRateWindowMinutes']).toBe('Too big');
    expect(errorAt(errors, 'contacts.emails')).toBe('Invalid email address');
    expect(apiFieldErrors(new ApiError(500, 'X.Y', 'Boom'))).toEqual({ '': 'Boom (X.Y)' });
  });
});

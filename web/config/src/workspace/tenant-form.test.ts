import { describe, expect, it } from 'vitest';
import { errorsFromApi, slugify, tenantRequest, validateTenantForm } from './tenant-form';

describe('tenant form', () => {
  it('proposes an id the service accepts', () => {
    expect(slugify('  Northwind Traders GmbH & Co. ')).toBe('northwind-traders-gmbh-co');
    expect(slugify('Café Ünïcode')).toBe('cafe-unicode');
    expect(slugify('x'.repeat(80))).toHaveLength(63);
  });

  it('names every missing or malformed field', () => {
    const errors = validateTenantForm({
      name: ' ',
      tenantId: '-bad',
      industryId: '',
      contacts: [{ name: 'A', email: 'not-an-email', role: '' }],
    });
    expect(Object.keys(errors).sort()).toEqual([
      'contacts.0.email',
      'contacts.0.role',
      'industryId',
      'name',
      'tenantId',
    ]);
    expect(
      validateTenantForm({
        name: 'Northwind',
        tenantId: 'northwind',
        industryId: 'retail',
        contacts: [{ name: 'Nora', email: 'nora@northwind.example', role: 'owner' }],
      }),
    ).toEqual({});
  });

  it('trims the request', () => {
    expect(
      tenantRequest({
        name: ' N ',
        tenantId: 'n',
        industryId: 'retail',
        contacts: [{ name: ' a ', email: ' a@b.c ', role: ' r ' }],
      }),
    ).toEqual({
      tenantId: 'n',
      name: 'N',
      industryId: 'retail',
      contacts: [{ name: 'a', email: 'a@b.c', role: 'r' }],
    });
  });

  it('puts the API refusals on their fields', () => {
    expect(errorsFromApi('TENANT.CONFLICT', 'exists', undefined)).toEqual({
      tenantId: 'A tenant with this id already exists.',
    });
    expect(errorsFromApi('TENANT.UNKNOWN_INDUSTRY', 'The catalog has no industry x', undefined)).toEqual({
      industryId: 'The catalog has no industry x',
    });
    expect(
      errorsFromApi('REQUEST.VALIDATION_FAILED', 'Invalid request body', [
        { in: 'body', path: 'contacts.0.email', message: 'Invalid email address' },
      ]),
    ).toEqual({ 'contacts.0.email': 'Invalid email address' });
    expect(errorsFromApi('AUTH.FORBIDDEN', 'No', undefined)).toEqual({ form: 'No (AUTH.FORBIDDEN)' });
  });
});

/** The create-tenant form: its values, client-side checks, and the API's refusals mapped onto fields. */
import { TENANT_ID_PATTERN } from '@kpi/shared/contracts/ids';
import { slugOf } from '@kpi/web-ui/forms';

export interface ContactInput {
  name: string;
  email: string;
  role: string;
}

export interface TenantForm {
  name: string;
  tenantId: string;
  industryId: string;
  contacts: ContactInput[];
}

/** Field → message; keys are `name`, `tenantId`, `industryId`, `contacts.<i>.<field>` and `form`. */
export type FieldErrors = Record<string, string>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A tenant id proposed from the name: lower-case ASCII words joined by dashes, at most 63 characters. */
export function slugify(name: string): string {
  return slugOf(name, 63);
}

/** What is wrong with the form before it is sent ({} when nothing). */
export function validateTenantForm(form: TenantForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.name.trim()) errors.name = 'Enter the client’s name.';
  else if (form.name.trim().length > 200) errors.name = 'At most 200 characters.';
  // The service's rule (shared/contracts/ids.ts), checked here too so the user sees it before sending.
  if (!TENANT_ID_PATTERN.test(form.tenantId))
    errors.tenantId = 'Lower-case letters, digits and dashes, starting with a letter or digit (at most 63).';
  if (!form.industryId) errors.industryId = 'Choose the client’s industry.';
  form.contacts.forEach((c, i) => {
    if (!c.name.trim()) errors[`contacts.${i}.name`] = 'Enter a name.';
    if (!emailPattern.test(c.email.trim())) errors[`contacts.${i}.email`] = 'Enter an e-mail address.';
    if (!c.role.trim()) errors[`contacts.${i}.role`] = 'Enter a role.';
  });
  return errors;
}

/** The request body (`createTenantRequestSchema`), trimmed. */
export function tenantRequest(form: TenantForm) {
  return {
    tenantId: form.tenantId,
    name: form.name.trim(),
    industryId: form.industryId,
    contacts: form.contacts.map((c) => ({ name: c.name.trim(), email: c.email.trim(), role: c.role.trim() })),
  };
}

/**
 * The API's refusal as field errors: `TENANT.CONFLICT` on the id, `TENANT.UNKNOWN_INDUSTRY` on the
 * industry, `REQUEST.VALIDATION_FAILED` issues on the fields their paths name; anything else on the form.
 */
export function errorsFromApi(code: string, message: string, details: unknown): FieldErrors {
  if (code === 'TENANT.CONFLICT') return { tenantId: 'A tenant with this id already exists.' };
  if (code === 'TENANT.UNKNOWN_INDUSTRY') return { industryId: message };
  if (code === 'REQUEST.VALIDATION_FAILED' && Array.isArray(details)) {
    const errors: FieldErrors = {};
    for (const issue of details as { path?: unknown; message?: unknown }[]) {
      const path = typeof issue.path === 'string' && issue.path ? issue.path : 'form';
      const text = typeof issue.message === 'string' ? issue.message : message;
      errors[path] = errors[path] ?? text;
    }
    if (Object.keys(errors).length > 0) return errors;
  }
  return { form: `${message} (${code})` };
}

import { SEVERITIES, type Severity } from '@kpi/shared/contracts/monitoring-alert';
import styles from './settings.module.css';
import { type ContactsDraft, errorAt, type FieldErrors, parseEmails } from './settings-model';

export interface ContactFieldsProps {
  idPrefix: string;
  draft: ContactsDraft;
  errors: FieldErrors;
  readOnly: boolean;
  /** Vendor support receives every severity: no choice offered. */
  withSeverities: boolean;
  emailsLabel: string;
  onChange(draft: ContactsDraft): void;
}

/** Contact addresses (one per line) and, for a tenant, the severities that reach them. */
export function ContactFields({
  idPrefix,
  draft,
  errors,
  readOnly,
  withSeverities,
  emailsLabel,
  onChange,
}: ContactFieldsProps) {
  const emailsError = emailsErrorText(errors, draft.emails);
  const severitiesError = errorAt(errors, 'contacts.severities');
  const toggle = (s: Severity, on: boolean) =>
    onChange({
      ...draft,
      severities: SEVERITIES.filter((x) => (x === s ? on : draft.severities.includes(x))),
    });
  return (
    <div className={styles.contacts}>
      <label className={styles.stack}>
        <span>{emailsLabel}</span>
        <textarea
          id={`${idPrefix}-emails`}
          className={styles.input}
          rows={4}
          value={draft.emails}
          readOnly={readOnly}
          placeholder={readOnly ? 'none' : 'one address per line'}
          aria-invalid={emailsError ? true : undefined}
          aria-describedby={emailsError ? `${idPrefix}-emails-error` : undefined}
          onChange={(e) => onChange({ ...draft, emails: e.target.value })}
        />
        {emailsError && (
          <span id={`${idPrefix}-emails-error`} className={styles.fieldError}>
            {emailsError}
          </span>
        )}
      </label>
      {withSeverities && (
        <fieldset
          className={styles.checks}
          aria-describedby={severitiesError ? `${idPrefix}-sev-error` : undefined}
        >
          <legend>Severities e-mailed</legend>
          {SEVERITIES.map((s) => (
            <label key={s}>
              <input
                type="checkbox"
                checked={draft.severities.includes(s)}
                disabled={readOnly}
                onChange={(e) => toggle(s, e.target.checked)}
              />
              {s}
            </label>
          ))}
          {severitiesError && (
            <span id={`${idPrefix}-sev-error`} className={styles.fieldError}>
              {severitiesError}
            </span>
          )}
        </fieldset>
      )}
    </div>
  );
}

/** The API names the bad address by its index (`contacts.emails.1`): say which address it is. */
function emailsErrorText(errors: FieldErrors, text: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === 'contacts.emails' || k.startsWith('contacts.emails.'));
  if (!key) return undefined;
  const index = Number(key.split('.')[2]);
  const address = Number.isInteger(index) ? parseEmails(text)[index] : undefined;
  return address ? `${address}: ${errors[key]}` : errors[key];
}

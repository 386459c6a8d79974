import type { MonitoringSettings, Thresholds } from '@kpi/shared/contracts/monitoring-rules';
import { useApi, useApiClient } from '@kpi/web-ui/api';
import { ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { type FormEvent, useEffect, useState } from 'react';
import { RULE_LABELS, RULES } from '../alerts/alert-model';
import { formatTime } from '../alerts/tenant-scope';
import { ContactFields } from './ContactFields';
import styles from './settings.module.css';
import {
  apiFieldErrors,
  type ContactsDraft,
  contactsDraft,
  errorAt,
  type FieldErrors,
  parseEmails,
  type ThresholdDraft,
  thresholdDraft,
  thresholdInput,
} from './settings-model';
import { ThresholdFields } from './ThresholdFields';

export interface TenantSettingsFormProps {
  tenantId: string;
  /** May save (tenant owner/admin, platform-admin); others see the settings read-only. */
  canEdit: boolean;
  /** What a blank threshold means for this tenant. */
  defaults: Thresholds;
  defaultLabel: string;
}

interface Draft {
  thresholds: ThresholdDraft;
  contacts: ContactsDraft;
  disabled: MonitoringSettings['disabledRules'];
}

const draftOf = (s: MonitoringSettings): Draft => ({
  thresholds: thresholdDraft(s.thresholds),
  contacts: contactsDraft(s),
  disabled: [...s.disabledRules],
});

/** A tenant's thresholds, alert contacts and switched-off rules (`monitoring/tenants/{t}/settings`). */
export function TenantSettingsForm({ tenantId, canEdit, defaults, defaultLabel }: TenantSettingsFormProps) {
  const path = `monitoring/tenants/${encodeURIComponent(tenantId)}/settings`;
  const state = useApi<MonitoringSettings>(path);
  const client = useApiClient();
  const [stored, setStored] = useState<MonitoringSettings>();
  const [draft, setDraft] = useState<Draft>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    if (!state.data) return;
    setStored(state.data);
    setDraft(draftOf(state.data));
    setErrors({});
    setNotice(undefined);
  }, [state.data]);

  if (state.loading || (state.data && !draft)) return <Loading label="Loading the tenant's settings…" />;
  if (!stored || !draft) {
    return <ErrorPanel error={state.error} action={{ label: 'Retry', onClick: state.reload }} />;
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { input, errors: local } = thresholdInput(draft.thresholds, stored.thresholds);
    setNotice(undefined);
    if (Object.keys(local).length > 0) return setErrors(local);
    setErrors({});
    setSaving(true);
    try {
      const saved = await client.put<MonitoringSettings>(path, {
        thresholds: input.thresholds,
        ...(input.resetThresholds.length ? { resetThresholds: input.resetThresholds } : {}),
        contacts: { emails: parseEmails(draft.contacts.emails), severities: draft.contacts.severities },
        disabledRules: draft.disabled,
      });
      setStored(saved);
      setDraft(draftOf(saved));
      setNotice(`Saved the settings of ${tenantId}.`);
    } catch (err) {
      setErrors(apiFieldErrors(err));
    } finally {
      setSaving(false);
    }
  };

  const readOnly = !canEdit;
  const other = Object.entries(errors).filter(
    ([k]) => !k.startsWith('thresholds.') && !k.startsWith('contacts.') && !k.startsWith('disabledRules'),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={`Settings of ${tenantId}`} className={styles.form}>
      <Panel
        title="Alert thresholds"
        subtitle={readOnly ? 'Read-only for your role' : 'Leave a field blank to use the default'}
      >
        <ThresholdFields
          label={`Thresholds of ${tenantId}`}
          draft={draft.thresholds}
          defaults={defaults}
          defaultLabel={defaultLabel}
          errors={errors}
          readOnly={readOnly}
          onChange={(thresholds) => setDraft({ ...draft, thresholds })}
        />
      </Panel>
      <div className={styles.columns}>
        <Panel title="Alert contacts" subtitle="Besides vendor support, who is e-mailed about alerts">
          <ContactFields
            idPrefix={`tenant-${tenantId}`}
            draft={draft.contacts}
            errors={errors}
            readOnly={readOnly}
            withSeverities
            emailsLabel="Contact e-mails"
            onChange={(contacts) => setDraft({ ...draft, contacts })}
          />
        </Panel>
        <Panel title="Rules switched off" subtitle="No alerts are opened for these">
          <fieldset className={styles.checks}>
            <legend className={styles.visuallyHidden}>Rules switched off</legend>
            {RULES.map((rule) => (
              <label key={rule}>
                <input
                  type="checkbox"
                  // Named apart from the threshold of the same name above.
                  aria-label={`Switch off ${RULE_LABELS[rule]}`}
                  checked={draft.disabled.includes(rule)}
                  disabled={readOnly}
                  onChange={(e) =>
                    setDraft({
                      ...draft,
                      disabled: RULES.filter((r) =>
                        r === rule ? e.target.checked : draft.disabled.includes(r),
                      ),
                    })
                  }
                />
                {RULE_LABELS[rule]}
              </label>
            ))}
            {errorAt(errors, 'disabledRules') && (
              <span className={styles.fieldError}>{errorAt(errors, 'disabledRules')}</span>
            )}
          </fieldset>
        </Panel>
      </div>
      <div className={styles.footer}>
        <span className={styles.muted}>
          {stored.updatedBy === 'default'
            ? 'Never changed: defaults apply.'
            : `Last changed ${formatTime(stored.updatedAt)} by ${stored.updatedBy}`}
        </span>
        {other.length > 0 && (
          <span role="alert" className={styles.formError}>
            {other.map(([k, m]) => (k ? `${k}: ${m}` : m)).join(' · ')}
          </span>
        )}
        {Object.keys(errors).length > 0 && other.length === 0 && (
          <span role="alert" className={styles.formError}>
            Not saved: see the marked fields.
          </span>
        )}
        {notice && (
          <span role="status" className={styles.saved}>
            {notice}
          </span>
        )}
        {canEdit && (
          <button type="submit" className="kpi-button kpi-button-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save tenant settings'}
          </button>
        )}
      </div>
    </form>
  );
}

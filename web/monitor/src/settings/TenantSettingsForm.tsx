import type { MonitoringSettings, Thresholds } from '@kpi/shared/contracts/monitoring-rules';
import { useApi, useApiClient } from '@kpi/web-ui/api';
import { ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { type FormEvent, useEffect, useState } from 'react';
import { RULE_LABELS, RULES } from '../alerts/alert-model';
import { ContactFields } from './ContactFields';
import { SettingsFooter } from './SettingsFooter';
import styles from './settings.module.css';
import {
  type ContactsDraft,
  contactsDraft,
  errorAt,
  parseEmails,
  type ThresholdDraft,
  thresholdDraft,
  thresholdInput,
} from './settings-model';
import { ThresholdFields } from './ThresholdFields';
import { useSettingsSave } from './useSettingsSave';

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
  const form = useSettingsSave();
  const { errors, clear } = form;

  useEffect(() => {
    if (!state.data) return;
    setStored(state.data);
    setDraft(draftOf(state.data));
    clear();
  }, [state.data, clear]);

  if (state.loading || (state.data && !draft)) return <Loading label="Loading the tenant's settings…" />;
  if (!stored || !draft) {
    return <ErrorPanel error={state.error} action={{ label: 'Retry', onClick: state.reload }} />;
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { input, errors: invalid } = thresholdInput(draft.thresholds, stored.thresholds);
    await form.save(invalid, async () => {
      const saved = await client.put<MonitoringSettings>(path, {
        thresholds: input.thresholds,
        ...(input.resetThresholds.length ? { resetThresholds: input.resetThresholds } : {}),
        contacts: { emails: parseEmails(draft.contacts.emails), severities: draft.contacts.severities },
        disabledRules: draft.disabled,
      });
      setStored(saved);
      setDraft(draftOf(saved));
      return `Saved the settings of ${tenantId}.`;
    });
  };

  const readOnly = !canEdit;
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
      <SettingsFooter
        stored={stored}
        neverChanged="Never changed: defaults apply."
        form={form}
        fieldPaths={['thresholds.', 'contacts.', 'disabledRules']}
        canEdit={canEdit}
        saveLabel="Save tenant settings"
      />
    </form>
  );
}

import { DEFAULT_THRESHOLDS, type MonitoringSettings } from '@kpi/shared/contracts/monitoring-rules';
import { useApiClient } from '@kpi/web-ui/api';
import { Panel } from '@kpi/web-ui/layout';
import { type FormEvent, useEffect, useState } from 'react';
import { AccountManagerFields } from './AccountManagerFields';
import { ContactFields } from './ContactFields';
import { SettingsFooter } from './SettingsFooter';
import styles from './settings.module.css';
import {
  type ContactsDraft,
  contactsDraft,
  type ManagersDraft,
  managersDraft,
  managersInput,
  parseEmails,
  type ThresholdDraft,
  thresholdDraft,
  thresholdInput,
} from './settings-model';
import { ThresholdFields } from './ThresholdFields';
import { useSettingsSave } from './useSettingsSave';

export interface VendorSettingsFormProps {
  settings: MonitoringSettings;
  /** platform-admin; support sees it read-only. */
  canEdit: boolean;
  tenants: string[];
  onSaved(saved: MonitoringSettings): void;
}

interface Draft {
  thresholds: ThresholdDraft;
  contacts: ContactsDraft;
  managers: ManagersDraft;
}

const draftOf = (s: MonitoringSettings): Draft => ({
  thresholds: thresholdDraft(s.thresholds),
  contacts: contactsDraft(s),
  managers: managersDraft(s.accountManagers),
});

/** Vendor-wide defaults, support contacts and account managers (`monitoring/vendor/settings`). */
export function VendorSettingsForm({ settings, canEdit, tenants, onSaved }: VendorSettingsFormProps) {
  const client = useApiClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const form = useSettingsSave();
  const { errors } = form;
  useEffect(() => setDraft(draftOf(settings)), [settings]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = thresholdInput(draft.thresholds, settings.thresholds);
    const m = managersInput(draft.managers);
    await form.save({ ...t.errors, ...m.errors }, async () => {
      const saved = await client.put<MonitoringSettings>('monitoring/vendor/settings', {
        thresholds: t.input.thresholds,
        ...(t.input.resetThresholds.length ? { resetThresholds: t.input.resetThresholds } : {}),
        // Vendor support receives every severity; the stored choice is kept as it is.
        contacts: { emails: parseEmails(draft.contacts.emails), severities: settings.contacts.severities },
        accountManagers: m.input,
      });
      onSaved(saved);
      return 'Saved the vendor settings.';
    });
  };

  const readOnly = !canEdit;
  return (
    <form onSubmit={submit} noValidate aria-label="Vendor settings" className={styles.form}>
      <Panel
        title="Default thresholds"
        subtitle={
          readOnly ? 'Read-only: only platform admins change them' : 'For every tenant without its own value'
        }
      >
        <ThresholdFields
          label="Vendor default thresholds"
          draft={draft.thresholds}
          defaults={DEFAULT_THRESHOLDS}
          defaultLabel="Built-in default"
          errors={errors}
          readOnly={readOnly}
          onChange={(thresholds) => setDraft({ ...draft, thresholds })}
        />
      </Panel>
      <div className={styles.columns}>
        <Panel title="Support contacts" subtitle="E-mailed about every tenant's alerts, all severities">
          <ContactFields
            idPrefix="vendor"
            draft={draft.contacts}
            errors={errors}
            readOnly={readOnly}
            withSeverities={false}
            emailsLabel="Support e-mails"
            onChange={(contacts) => setDraft({ ...draft, contacts })}
          />
        </Panel>
        <Panel title="Account managers" subtitle="Receive the tenants' licence e-mails">
          <AccountManagerFields
            draft={draft.managers}
            tenants={tenants}
            errors={errors}
            readOnly={readOnly}
            onChange={(managers) => setDraft({ ...draft, managers })}
          />
        </Panel>
      </div>
      <SettingsFooter
        stored={settings}
        neverChanged="Never changed: built-in defaults apply."
        form={form}
        fieldPaths={['thresholds.', 'contacts.', 'accountManagers.']}
        canEdit={canEdit}
        saveLabel="Save vendor settings"
      />
    </form>
  );
}

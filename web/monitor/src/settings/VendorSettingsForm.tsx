import { DEFAULT_THRESHOLDS, type MonitoringSettings } from '@kpi/shared/contracts/monitoring-rules';
import { useApiClient } from '@kpi/web-ui/api';
import { Panel } from '@kpi/web-ui/layout';
import { type FormEvent, useEffect, useState } from 'react';
import { formatTime } from '../alerts/tenant-scope';
import { AccountManagerFields } from './AccountManagerFields';
import { ContactFields } from './ContactFields';
import styles from './settings.module.css';
import {
  apiFieldErrors,
  type ContactsDraft,
  contactsDraft,
  type FieldErrors,
  type ManagersDraft,
  managersDraft,
  managersInput,
  parseEmails,
  type ThresholdDraft,
  thresholdDraft,
  thresholdInput,
} from './settings-model';
import { ThresholdFields } from './ThresholdFields';

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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string>();
  useEffect(() => setDraft(draftOf(settings)), [settings]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(undefined);
    const t = thresholdInput(draft.thresholds, settings.thresholds);
    const m = managersInput(draft.managers);
    const local = { ...t.errors, ...m.errors };
    if (Object.keys(local).length > 0) return setErrors(local);
    setErrors({});
    setSaving(true);
    try {
      const saved = await client.put<MonitoringSettings>('monitoring/vendor/settings', {
        thresholds: t.input.thresholds,
        ...(t.input.resetThresholds.length ? { resetThresholds: t.input.resetThresholds } : {}),
        // Vendor support receives every severity; the stored choice is kept as it is.
        contacts: { emails: parseEmails(draft.contacts.emails), severities: settings.contacts.severities },
        accountManagers: m.input,
      });
      setNotice('Saved the vendor settings.');
      onSaved(saved);
    } catch (err) {
      setErrors(apiFieldErrors(err));
    } finally {
      setSaving(false);
    }
  };

  const readOnly = !canEdit;
  const other = Object.entries(errors).filter(
    ([k]) => !k.startsWith('thresholds.') && !k.startsWith('contacts.') && !k.startsWith('accountManagers.'),
  );
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
      <div className={styles.footer}>
        <span className={styles.muted}>
          {settings.updatedBy === 'default'
            ? 'Never changed: built-in defaults apply.'
            : `Last changed ${formatTime(settings.updatedAt)} by ${settings.updatedBy}`}
        </span>
        {Object.keys(errors).length > 0 && (
          <span role="alert" className={styles.formError}>
            {other.length > 0
              ? other.map(([k, msg]) => (k ? `${k}: ${msg}` : msg)).join(' · ')
              : 'Not saved: see the marked fields.'}
          </span>
        )}
        {notice && (
          <span role="status" className={styles.saved}>
            {notice}
          </span>
        )}
        {canEdit && (
          <button type="submit" className="kpi-button kpi-button-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save vendor settings'}
          </button>
        )}
      </div>
    </form>
  );
}

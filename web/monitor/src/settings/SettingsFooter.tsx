import type { MonitoringSettings } from '@kpi/shared/contracts/monitoring-rules';
import { formatTime } from '../common/format-time';
import styles from './settings.module.css';
import type { SettingsSave } from './useSettingsSave';

export interface SettingsFooterProps {
  /** The stored settings: who changed them last, and when. */
  stored: Pick<MonitoringSettings, 'updatedAt' | 'updatedBy'>;
  /** Said while nobody has changed them yet. */
  neverChanged: string;
  form: Pick<SettingsSave, 'errors' | 'saving' | 'notice'>;
  /** Error paths the form's fields show themselves; any other error is listed here. */
  fieldPaths: readonly string[];
  canEdit: boolean;
  saveLabel: string;
}

/**
 * The sticky bar under a settings form: last change, what went wrong (errors of no field listed, else a
 * pointer to the marked fields), the saved notice and the Save button (only for roles that may save).
 */
export function SettingsFooter({
  stored,
  neverChanged,
  form,
  fieldPaths,
  canEdit,
  saveLabel,
}: SettingsFooterProps) {
  const { errors, saving, notice } = form;
  const other = Object.entries(errors).filter(([k]) => !fieldPaths.some((p) => k.startsWith(p)));
  return (
    <div className={styles.footer}>
      <span className={styles.muted}>
        {stored.updatedBy === 'default'
          ? neverChanged
          : `Last changed ${formatTime(stored.updatedAt)} by ${stored.updatedBy}`}
      </span>
      {Object.keys(errors).length > 0 && (
        <span role="alert" className={styles.formError}>
          {other.length > 0
            ? other.map(([k, m]) => (k ? `${k}: ${m}` : m)).join(' · ')
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
          {saving ? 'Saving…' : saveLabel}
        </button>
      )}
    </div>
  );
}

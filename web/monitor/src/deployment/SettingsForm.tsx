import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import { useApiClient } from '@kpi/web-ui/api';
import { type FormEvent, useState } from 'react';
import styles from './deployment.module.css';

export interface SettingsFormProps {
  deployment: Deployment;
  onSaved(d: Deployment): void;
}

/** Limits from the contract (deploymentSettingsSchema). */
const PERIOD = { min: 10, max: 86_400 };
const GRACE = { min: 0, max: 604_800 };

/** Edits name, heartbeat period and grace time (PUT tenants/{t}/deployments/{d}); collapsed until asked. */
export function SettingsForm({ deployment: d, onSaved }: SettingsFormProps) {
  const client = useApiClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(d.name ?? '');
  const [period, setPeriod] = useState(String(d.periodSeconds));
  const [grace, setGrace] = useState(String(d.graceSeconds));
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  if (!open) {
    return (
      <button
        type="button"
        className={`kpi-button ${styles.editButton}`}
        onClick={() => {
          setName(d.name ?? '');
          setPeriod(String(d.periodSeconds));
          setGrace(String(d.graceSeconds));
          setError(undefined);
          setOpen(true);
        }}
      >
        Edit settings
      </button>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = Number(period);
    const g = Number(grace);
    if (!Number.isInteger(p) || p < PERIOD.min || p > PERIOD.max) {
      setError(`The period must be a whole number of seconds from ${PERIOD.min} to ${PERIOD.max}.`);
      return;
    }
    if (!Number.isInteger(g) || g < GRACE.min || g > GRACE.max) {
      setError(`The grace time must be a whole number of seconds from ${GRACE.min} to ${GRACE.max}.`);
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const saved = await client.put<Deployment>(
        `monitoring/tenants/${encodeURIComponent(d.tenantId)}/deployments/${encodeURIComponent(d.id)}`,
        { ...(name.trim() ? { name: name.trim() } : {}), periodSeconds: p, graceSeconds: g },
      );
      onSaved(saved);
      setOpen(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className={styles.settings} onSubmit={submit} aria-label="Deployment settings">
      <label>
        Name
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder={d.id} />
      </label>
      <label>
        Period (s)
        <input
          type="number"
          min={PERIOD.min}
          max={PERIOD.max}
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
          required
        />
      </label>
      <label>
        Grace (s)
        <input
          type="number"
          min={GRACE.min}
          max={GRACE.max}
          value={grace}
          onChange={(e) => setGrace(e.target.value)}
          required
        />
      </label>
      <div className={styles.formActions}>
        <button type="submit" className="kpi-button kpi-button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        <button type="button" className="kpi-button" onClick={() => setOpen(false)} disabled={saving}>
          Cancel
        </button>
      </div>
      {error && (
        <p role="alert" className={styles.formError}>
          {error}
        </p>
      )}
    </form>
  );
}

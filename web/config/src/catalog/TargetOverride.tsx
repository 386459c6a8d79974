import type { ConfigurationView } from '@kpi/shared/contracts/demo-config';
import { ApiError, useApiClient } from '@kpi/web-ui/api';
import { type FormEvent, useState } from 'react';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import styles from './KpiDetail.module.css';

export interface TargetOverrideProps {
  kpiId: string;
  catalogTarget: number;
  unitLabel: string;
  configuration: ConfigurationView;
  /** The configuration's override of the target, if any. */
  override: number | undefined;
  editable: boolean;
  hint?: string;
}

const fmt = (n: number) => new Intl.NumberFormat('en', { maximumFractionDigits: 4 }).format(n);

/** The configuration's target for one KPI; editors change or remove the override (PATCH targetOverrides). */
export function TargetOverride(props: TargetOverrideProps) {
  const { kpiId, catalogTarget, unitLabel, configuration, override, editable } = props;
  const client = useApiClient();
  const { configurationPath, configurationChanged, configuration: state } = useWorkspace();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(String(override ?? catalogTarget));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string }>();

  const write = async (target: number | undefined) => {
    if (!configurationPath) return;
    setBusy(true);
    setMessage(undefined);
    const others = configuration.targetOverrides.filter((o) => o.kpiId !== kpiId);
    try {
      const view = await client.request<ConfigurationView>('PATCH', configurationPath, {
        body: { targetOverrides: target === undefined ? others : [...others, { kpiId, target }] },
        headers: { 'If-Match': configuration.etag },
      });
      configurationChanged(view);
      setEditing(false);
      setMessage({ tone: 'ok', text: target === undefined ? 'Override removed.' : 'Target saved.' });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONCURRENCY.CONFLICT') {
        state.reload();
        setMessage({
          tone: 'error',
          text: 'Someone else changed this configuration meanwhile; it has been reloaded. Please try again.',
        });
      } else setMessage({ tone: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isFinite(n)) {
      setMessage({ tone: 'error', text: 'Enter a number.' });
      return;
    }
    void write(n);
  };

  const unit = unitLabel ? ` ${unitLabel}` : '';
  return (
    <div className={styles.target}>
      {editing ? (
        <form onSubmit={submit} className={styles.targetForm}>
          <label className="kpi-visually-hidden" htmlFor={`target-${kpiId}`}>
            Target override
          </label>
          <input
            id={`target-${kpiId}`}
            className={styles.targetInput}
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            disabled={busy}
          />
          <span className={styles.muted}>{unitLabel}</span>
          <button type="submit" className="kpi-button kpi-button-primary" disabled={busy}>
            Save target
          </button>
          <button type="button" className="kpi-button" onClick={() => setEditing(false)} disabled={busy}>
            Cancel
          </button>
        </form>
      ) : (
        <span data-testid="configuration-target">
          {override !== undefined ? (
            <>
              <strong>
                {fmt(override)}
                {unit}
              </strong>{' '}
              <span className={styles.overrideBadge}>override</span>
            </>
          ) : (
            <>
              {fmt(catalogTarget)}
              {unit} <span className={styles.muted}>(catalog target)</span>
            </>
          )}
        </span>
      )}
      {editable && !editing && (
        <span className={styles.targetActions}>
          <button
            type="button"
            className="kpi-button"
            onClick={() => {
              setValue(String(override ?? catalogTarget));
              setEditing(true);
            }}
          >
            {override !== undefined ? 'Change target' : 'Override target'}
          </button>
          {override !== undefined && (
            <button
              type="button"
              className="kpi-button"
              onClick={() => void write(undefined)}
              disabled={busy}
            >
              Remove override
            </button>
          )}
        </span>
      )}
      {props.hint && <div className={styles.muted}>{props.hint}</div>}
      {message && (
        <div role={message.tone === 'error' ? 'alert' : 'status'} className={styles[message.tone]}>
          {message.text}
        </div>
      )}
    </div>
  );
}

import type { Silence } from '@kpi/shared/contracts/monitoring-rules';
import { errorText, useApiClient } from '@kpi/web-ui/api';
import { type FormEvent, useState } from 'react';
import { FormDialog } from '../common/Dialog';
import form from '../common/form.module.css';
import { formatTime } from '../common/format-time';
import text from '../common/text.module.css';
import { type Alert, RULE_LABELS, SILENCE_PRESETS, silenceMatchersFor } from './alert-model';
import styles from './inbox.module.css';

export interface SilenceDialogProps {
  alert: Alert;
  onClose: () => void;
  onCreated: (silence: Silence) => void;
}

/** A silence for the alert's deployment (or licence) and rule, from now for a preset duration. */
export function SilenceDialog({ alert, onClose, onCreated }: SilenceDialogProps) {
  const client = useApiClient();
  const [minutes, setMinutes] = useState<number>(SILENCE_PRESETS[1].minutes);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const matchers = silenceMatchersFor(alert);
  const endsAt = new Date(Date.now() + minutes * 60_000);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!comment.trim()) return;
    setBusy(true);
    setError(undefined);
    const now = Date.now();
    try {
      const created = await client.post<Silence>(
        `monitoring/tenants/${encodeURIComponent(alert.tenantId)}/silences`,
        {
          matchers,
          schedule: {
            startsAt: new Date(now - 1000).toISOString(),
            endsAt: new Date(now + minutes * 60_000).toISOString(),
          },
          comment: comment.trim(),
        },
      );
      onCreated(created);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <FormDialog
      title="Silence notifications"
      onClose={onClose}
      onSubmit={submit}
      errors={error ? [error] : []}
      busy={busy}
      disabled={!comment.trim()}
      submitLabel="Create silence"
    >
      <p style={{ margin: 0 }}>
        E-mails about <strong>{RULE_LABELS[alert.rule]}</strong> on <strong>{alert.deploymentId}</strong> (
        {alert.tenantId}) are held back while the silence lasts. The alert itself stays in the inbox.
      </p>
      <dl className={text.kv}>
        <dt>Matchers</dt>
        <dd>
          {matchers.map((m) => (
            <code key={m.label} className={styles.matcher}>
              {m.label}
              {m.op}
              {m.value}
            </code>
          ))}
        </dd>
      </dl>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className={form.field} style={{ fontWeight: 600, marginBottom: 4 }}>
          Duration
        </legend>
        <div className={form.presets}>
          {SILENCE_PRESETS.map((p) => (
            <button
              key={p.minutes}
              type="button"
              className={`kpi-button ${form.small}`}
              aria-pressed={p.minutes === minutes}
              onClick={() => setMinutes(p.minutes)}
            >
              {p.label}
            </button>
          ))}
        </div>
        <div className={text.summary}>Until {formatTime(endsAt.toISOString())}</div>
      </fieldset>
      <label className={form.field}>
        <span>Reason (required)</span>
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} required />
      </label>
    </FormDialog>
  );
}

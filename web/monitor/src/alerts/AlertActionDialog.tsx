import { errorText, useApiClient } from '@kpi/web-ui/api';
import { type FormEvent, useState } from 'react';
import { FormDialog } from '../common/Dialog';
import form from '../common/form.module.css';
import { type Alert, RULE_LABELS } from './alert-model';

export type AlertAction = 'acknowledge' | 'resolve';

export interface AlertActionDialogProps {
  action: AlertAction;
  alerts: Alert[];
  onClose: () => void;
  /** Called after every alert was handled (some may have failed; the dialog then stays open). */
  onDone: (changed: Alert[]) => void;
}

const actionPath = (a: Alert, action: AlertAction) =>
  `monitoring/tenants/${encodeURIComponent(a.tenantId)}/alerts/${encodeURIComponent(a.id)}/${action}`;

/**
 * Acknowledge (comment required, as the contract says) or resolve (comment optional) one or several alerts.
 * Each alert is its own request; failures are listed by alert so the user can see which ones stuck.
 */
export function AlertActionDialog({ action, alerts, onClose, onDone }: AlertActionDialogProps) {
  const client = useApiClient();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<string[]>([]);
  const ack = action === 'acknowledge';
  const noun = alerts.length === 1 ? 'alert' : `${alerts.length} alerts`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = comment.trim();
    if (ack && !text) return;
    setBusy(true);
    const changed: Alert[] = [];
    const failed: string[] = [];
    for (const alert of alerts) {
      try {
        changed.push(await client.post<Alert>(actionPath(alert, action), text ? { comment: text } : {}));
      } catch (err) {
        failed.push(`${alert.deploymentId} · ${RULE_LABELS[alert.rule]}: ${errorText(err)}`);
      }
    }
    setBusy(false);
    setFailures(failed);
    if (failed.length === 0) onDone(changed);
    else if (changed.length > 0) onDone(changed);
  }

  return (
    <FormDialog
      title={ack ? `Acknowledge ${noun}` : `Resolve ${noun}`}
      onClose={onClose}
      onSubmit={submit}
      errors={failures}
      busy={busy}
      disabled={ack && !comment.trim()}
      submitLabel={ack ? 'Acknowledge' : 'Resolve'}
    >
      <p style={{ margin: 0 }}>
        {ack
          ? 'Acknowledging stops the reminders. Say what is being done about it.'
          : 'Resolving closes the alert now; a new one opens if the problem comes back.'}
      </p>
      {alerts.length <= 5 && (
        <ul style={{ margin: 0, paddingLeft: 18, fontSize: 13 }}>
          {alerts.map((a) => (
            <li key={a.id}>
              <strong>{RULE_LABELS[a.rule]}</strong> · {a.deploymentId} ({a.tenantId})
            </li>
          ))}
        </ul>
      )}
      <label className={form.field}>
        <span>{ack ? 'Comment (required)' : 'Comment (optional)'}</span>
        <textarea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={1000}
          required={ack}
          // biome-ignore lint/a11y/noAutofocus: the rule allows it inside <dialog>, which FormDialog renders
          autoFocus
        />
      </label>
    </FormDialog>
  );
}

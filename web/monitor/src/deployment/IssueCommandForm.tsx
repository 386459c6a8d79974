import type { CommandKind, RemoteCommand } from '@kpi/shared/contracts/monitoring-command';
import { useApiClient } from '@kpi/web-ui/api';
import { Options } from '@kpi/web-ui/forms';
import { type FormEvent, useId, useState } from 'react';
import {
  COMMAND_CHOICES,
  commandArgs,
  EXPIRY_CHOICES,
  LOG_LEVELS,
  type LogLevel,
  reasonProblem,
} from './command-model';
import styles from './deployment.module.css';

export interface IssueCommandFormProps {
  tenantId: string;
  deploymentId: string;
  /** Called with the issued command. */
  onIssued(command: RemoteCommand): void;
}

/** Support issues an allow-listed command with a reason and an expiry (POST …/commands). */
export function IssueCommandForm({ tenantId, deploymentId, onIssued }: IssueCommandFormProps) {
  const client = useApiClient();
  const helpId = useId();
  const [kind, setKind] = useState<CommandKind>('ping');
  const [level, setLevel] = useState<LogLevel>('info');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState<number>(60);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const choice = COMMAND_CHOICES.find((c) => c.kind === kind);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = reasonProblem(reason);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const issued = await client.post<RemoteCommand>(
        `monitoring/tenants/${encodeURIComponent(tenantId)}/deployments/${encodeURIComponent(deploymentId)}/commands`,
        { command: commandArgs(kind, level), reason: reason.trim(), expiresInMinutes: expires },
      );
      setReason('');
      onIssued(issued);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.commandForm} onSubmit={submit} aria-label="Issue a remote command">
      <label>
        Command
        <select
          value={kind}
          onChange={(e) => setKind(e.target.value as CommandKind)}
          aria-describedby={helpId}
        >
          <Options items={COMMAND_CHOICES} value={(c) => c.kind} label={(c) => c.label} />
        </select>
      </label>
      {kind === 'set-log-level' && (
        <label>
          Log level
          <select value={level} onChange={(e) => setLevel(e.target.value as LogLevel)}>
            <Options items={LOG_LEVELS} />
          </select>
        </label>
      )}
      <label className={styles.grow}>
        Reason
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          placeholder="Why — audited and visible to the tenant"
          required
        />
      </label>
      <label>
        Expires in
        <select value={expires} onChange={(e) => setExpires(Number(e.target.value))}>
          <Options items={EXPIRY_CHOICES} value={(c) => c.minutes} label={(c) => c.label} />
        </select>
      </label>
      <button type="submit" className="kpi-button kpi-button-primary" disabled={busy}>
        {busy ? 'Issuing…' : 'Issue command'}
      </button>
      <p id={helpId} className={styles.help}>
        {choice?.help} It travels in the deployment's next heartbeat response.
      </p>
      {error && (
        <p role="alert" className={styles.formError}>
          {error}
        </p>
      )}
    </form>
  );
}

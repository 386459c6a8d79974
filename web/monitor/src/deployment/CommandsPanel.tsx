import type { RemoteCommand } from '@kpi/shared/contracts/monitoring-command';
import { type ApiState, useApiClient } from '@kpi/web-ui/api';
import { EmptyState, Panel } from '@kpi/web-ui/layout';
import { useState } from 'react';
import { DataTable } from '../common/DataTable';
import { Loaded } from '../common/Loaded';
import { timeAgo } from '../monitoring-api';
import { commandTone, describeCommand } from './command-model';
import styles from './deployment.module.css';
import { IssueCommandForm } from './IssueCommandForm';

export interface CommandsPanelProps {
  tenantId: string;
  deploymentId: string;
  state: ApiState<{ items: RemoteCommand[] }>;
  /** Support and platform admins: the issue form and diagnostics downloads. */
  canIssue: boolean;
  now: number;
}

const toneStyle = {
  ok: { background: 'var(--kpi-ok-soft)', color: 'var(--kpi-ok)' },
  warn: { background: 'var(--kpi-warn-soft)', color: 'var(--kpi-warn)' },
  danger: { background: 'var(--kpi-danger-soft)', color: 'var(--kpi-danger)' },
  info: { background: 'var(--kpi-brand-soft)', color: 'var(--kpi-brand-strong)' },
};

/** Commands run on the deployment with their state and result; support can issue one. */
export function CommandsPanel({ tenantId, deploymentId, state, canIssue, now }: CommandsPanelProps) {
  const items = state.data?.items ?? [];
  return (
    <Panel title="Remote commands" subtitle={state.data ? `${items.length} recent` : undefined} flush>
      {canIssue && (
        <IssueCommandForm tenantId={tenantId} deploymentId={deploymentId} onIssued={() => state.reload()} />
      )}
      <Loaded state={state} loadingLabel="Loading commands…" errorTitle="Commands could not be loaded">
        {() =>
          items.length === 0 ? (
            <EmptyState title="No commands yet">
              {canIssue ? 'Issue one above.' : 'Commands vendor support runs on this deployment appear here.'}
            </EmptyState>
          ) : (
            <DataTable
              className={styles.table}
              label="Remote commands"
              columns={['Command', 'State', 'Reason', 'Issued', 'Result']}
            >
              {items.map((c) => (
                <tr
                  key={c.id}
                  data-testid="command-row"
                  data-command-id={c.id}
                  data-kind={c.command.kind}
                  data-state={c.state}
                >
                  <td>
                    <strong>{describeCommand(c.command)}</strong>
                  </td>
                  <td>
                    <span className={styles.pill} style={toneStyle[commandTone(c.state)]}>
                      {c.state}
                    </span>
                    <div className={styles.muted} title={c.expiresAt}>
                      {c.state === 'pending' || c.state === 'delivered'
                        ? `expires ${timeUntil(c.expiresAt, now)}`
                        : c.completedAt
                          ? timeAgo(c.completedAt, now)
                          : ''}
                    </div>
                  </td>
                  <td className={styles.reason}>{c.reason}</td>
                  <td>
                    <div title={c.issuedAt}>{timeAgo(c.issuedAt, now)}</div>
                    <div className={styles.muted}>{c.issuedBy}</div>
                  </td>
                  <td>
                    {c.result ? (
                      <>
                        <div>{c.result.message || (c.result.ok ? 'OK' : 'Failed')}</div>
                        {c.result.diagnosticsBlob && canIssue && (
                          <DiagnosticsDownload tenantId={tenantId} commandId={c.id} />
                        )}
                      </>
                    ) : (
                      <span className={styles.muted}>—</span>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loaded>
    </Panel>
  );
}

function timeUntil(iso: string, now: number): string {
  const ms = Date.parse(iso) - now;
  if (ms <= 0) return 'now';
  const min = Math.round(ms / 60_000);
  return min < 60
    ? `in ${Math.max(1, min)} min`
    : min < 2880
      ? `in ${Math.round(min / 60)} h`
      : `in ${Math.round(min / 1440)} d`;
}

/**
 * The bundle is behind the bearer token, so a plain link cannot fetch it: the client reads it and hands the
 * browser a Blob URL to save.
 */
function DiagnosticsDownload({ tenantId, commandId }: { tenantId: string; commandId: string }) {
  const client = useApiClient();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const bundle = await client.get<unknown>(
        `monitoring/tenants/${encodeURIComponent(tenantId)}/commands/${encodeURIComponent(commandId)}/diagnostics`,
      );
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = `diagnostics-${commandId}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={`kpi-button ${styles.small}`} onClick={download} disabled={busy}>
        {busy ? 'Downloading…' : 'Download diagnostics'}
      </button>
      {error && (
        <div role="alert" className={styles.formError}>
          {error}
        </div>
      )}
    </>
  );
}

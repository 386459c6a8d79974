import type { ValidationEntry } from '@kpi/shared/contracts/client-app';
import { useApi } from '@kpi/web-ui/api';
import { EmptyState, ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { useEffect, useState } from 'react';
import { formatTime } from '../catalog/kpi-format';
import { useLicense } from './LicenseContext';
import styles from './ValidationHistory.module.css';

interface HistoryPage {
  items: ValidationEntry[];
  continuationToken?: string;
}

const kindText: Record<ValidationEntry['kind'], string> = {
  offline: 'Offline check',
  activation: 'Activation',
  online: 'Online validation',
  'key-installed': 'Key installed',
  snapshot: 'Catalog snapshot',
  'credential-rotated': 'Credential rotated',
};

const triggerText = (t: string | undefined): string => {
  if (!t) return '—';
  if (t === 'cold-start') return 'start-up';
  if (t === 'key-pasted') return 'key pasted';
  if (t.startsWith('command:')) return `vendor command (${t.slice('command:'.length)})`;
  return t;
};

export const historyPageSize = 20;

/** The deployment's licence checks, newest first, a page at a time (admins and owners). */
export function ValidationHistory() {
  const { status } = useLicense();
  // Tokens of the pages seen so far: [first page (none), second, …]; the last is the current page.
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const token = tokens[tokens.length - 1];
  const path = `client-app/license/validations?limit=${historyPageSize}${
    token ? `&continuationToken=${encodeURIComponent(token)}` : ''
  }`;
  const { data, error, loading, reload } = useApi<HistoryPage>(path);
  // A new verdict (key pasted, periodic check) adds entries: refresh the first page.
  const checkedAt = status?.checkedAt;
  useEffect(() => {
    if (checkedAt && tokens.length === 1) reload();
  }, [checkedAt, tokens.length, reload]);

  const page = tokens.length;
  const pager = (
    <div className={styles.pager}>
      <button
        type="button"
        className="kpi-button"
        disabled={page === 1}
        onClick={() => setTokens((t) => t.slice(0, -1))}
      >
        Newer
      </button>
      <span className={styles.muted}>Page {page}</span>
      <button
        type="button"
        className="kpi-button"
        disabled={!data?.continuationToken}
        onClick={() => data?.continuationToken && setTokens((t) => [...t, data.continuationToken])}
      >
        Older
      </button>
    </div>
  );
  return (
    <Panel title="Validation history" subtitle="Newest first" actions={pager} flush>
      {loading ? (
        <Loading label="Loading the validation history…" />
      ) : error && !data ? (
        <ErrorPanel
          title="The validation history could not be loaded"
          error={error}
          action={{ label: 'Retry', onClick: reload }}
        />
      ) : !data || data.items.length === 0 ? (
        <EmptyState title="No checks yet">The deployment has not checked its licence yet.</EmptyState>
      ) : (
        <table className={styles.table} aria-label="Validation history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Check</th>
              <th scope="col">Outcome</th>
              <th scope="col">Reason or note</th>
              <th scope="col">Trigger</th>
              <th scope="col">Key</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((e) => (
              <tr key={e.id} data-testid="validation-row">
                <td>{formatTime(e.at)}</td>
                <td>{kindText[e.kind] ?? e.kind}</td>
                <td>
                  <span className={styles.outcome} data-outcome={e.outcome}>
                    {e.outcome}
                  </span>
                  {e.daysLeft !== undefined && e.outcome !== 'refused' && (
                    <span className={styles.muted}> · {e.daysLeft} d</span>
                  )}
                </td>
                <td>
                  {e.reasonCode && <code className={styles.mono}>{e.reasonCode}</code>} {e.message ?? ''}
                </td>
                <td>{triggerText(e.trigger)}</td>
                <td className={styles.mono}>{e.keyId ? e.keyId.slice(0, 12) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

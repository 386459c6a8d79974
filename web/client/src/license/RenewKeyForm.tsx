import type { LicenseStatus } from '@kpi/shared/contracts/client-app';
import { ApiError, useApiClient } from '@kpi/web-ui/api';
import { Panel } from '@kpi/web-ui/layout';
import { type FormEvent, useId, useRef, useState } from 'react';
import { formatDate } from '../catalog/kpi-format';
import { useLicense } from './LicenseContext';
import { stateSummary } from './license-banner';
import styles from './RenewKeyForm.module.css';
import { renewErrorText } from './renew-errors';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'failed'; code: string; text: string }
  | { kind: 'installed'; status: LicenseStatus };

/**
 * An admin or owner pastes a renewed key: the deployment verifies it (a refused key changes nothing and
 * answers its `LICENSE.*` code), stores it in its key vault and validates it online. The answer's status
 * feeds the banner, so it clears without a reload.
 */
export function RenewKeyForm() {
  const client = useApiClient();
  const { noteStatus } = useLicense();
  const [key, setKey] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const textarea = useRef<HTMLTextAreaElement>(null);
  const ids = { field: useId(), hint: useId(), error: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setOutcome({ kind: 'failed', code: 'VALIDATION.REQUIRED', text: 'Paste the renewed key first.' });
      textarea.current?.focus();
      return;
    }
    setOutcome({ kind: 'saving' });
    try {
      const status = await client.put<LicenseStatus>('client-app/license/key', { key: trimmed });
      noteStatus(status);
      setKey('');
      setOutcome({ kind: 'installed', status });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'NETWORK.UNREACHABLE', String(err));
      setOutcome({ kind: 'failed', code: e.code, text: renewErrorText(e.status, e.code, e.message) });
      textarea.current?.focus();
    }
  };

  const failed = outcome.kind === 'failed';
  return (
    <Panel title="Install a renewed key">
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor={ids.field}>Renewed licence key</label>
        <p id={ids.hint} className={styles.hint}>
          Paste the whole key the vendor sent you (one long line of letters, digits, dots and dashes). It is
          checked before it replaces the installed key, and takes effect at once.
        </p>
        <textarea
          id={ids.field}
          ref={textarea}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={failed ? `${ids.hint} ${ids.error}` : ids.hint}
          aria-invalid={failed}
        />
        <div className={styles.actions}>
          <button
            type="submit"
            className="kpi-button kpi-button-primary"
            disabled={outcome.kind === 'saving'}
          >
            {outcome.kind === 'saving' ? 'Installing…' : 'Install key'}
          </button>
        </div>
        <div aria-live="polite">
          {failed && (
            <p id={ids.error} className={styles.error} role="alert" data-testid="renew-error">
              {outcome.text}{' '}
              <span className={styles.code} data-testid="renew-error-code">
                {outcome.code}
              </span>
            </p>
          )}
          {outcome.kind === 'installed' && (
            <p className={styles.success} role="status" data-testid="renew-success">
              Renewed key installed: {stateSummary(outcome.status)}
              {outcome.status.expiresAt ? ` (expires ${formatDate(outcome.status.expiresAt)})` : ''}.
            </p>
          )}
        </div>
      </form>
    </Panel>
  );
}

import type { LicenseView } from '@kpi/shared/contracts/license';
import { ApiError, useApiClient } from '@kpi/web-ui/api';
import { type FormEvent, useId, useState } from 'react';
import form from '../common/form.module.css';
import { formatTime } from '../common/format-time';
import { renewRequest, suggestedExpiryDate } from './license-detail';
import detail from './license-detail.module.css';

export interface RenewFormProps {
  license: LicenseView;
  /** Called after the API accepted the renewal (the page reloads its data). */
  onRenewed(license: LicenseView): void;
}

/** Platform admins only: a new expiry date (and optionally new grace days) → `POST …/renew`. */
export function RenewForm({ license, onRenewed }: RenewFormProps) {
  const client = useApiClient();
  const [expiryDate, setExpiryDate] = useState(() => suggestedExpiryDate(license.expiresAt));
  const [graceDays, setGraceDays] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | undefined>();
  const [renewedUntil, setRenewedUntil] = useState<string | undefined>();
  const errorId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const request = renewRequest(expiryDate, graceDays);
    if ('problem' in request) {
      setError({ code: 'FORM.INVALID', message: request.problem });
      return;
    }
    setBusy(true);
    setError(undefined);
    setRenewedUntil(undefined);
    try {
      const answer = await client.request<{ license: LicenseView }>(
        'POST',
        `license/licenses/${encodeURIComponent(license.id)}/renew`,
        { body: request.body },
      );
      setRenewedUntil(answer.license.expiresAt);
      onRenewed(answer.license);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? { code: err.code, message: err.message }
          : { code: 'UNEXPECTED', message: String(err) },
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={detail.renew} onSubmit={submit} aria-label="Renew licence" noValidate>
      <h3>Renew</h3>
      <div className={detail.renewFields}>
        <label className={form.field}>
          <span>New expiry date (UTC)</span>
          <input
            type="date"
            value={expiryDate}
            onChange={(e) => setExpiryDate(e.target.value)}
            required
            aria-describedby={error ? errorId : undefined}
          />
        </label>
        <label className={form.field}>
          <span>Grace days (optional)</span>
          <input
            type="number"
            min={0}
            max={90}
            inputMode="numeric"
            placeholder={`${license.graceDays} (unchanged)`}
            value={graceDays}
            onChange={(e) => setGraceDays(e.target.value)}
          />
        </label>
        <button type="submit" className="kpi-button kpi-button-primary" disabled={busy}>
          {busy ? 'Renewing…' : 'Renew'}
        </button>
      </div>
      <p className={detail.hint}>
        Renewing signs a new licence key: the current key is superseded, so deployments need the new one.
      </p>
      {renewedUntil && (
        <p className={detail.done} role="status" data-testid="renew-done">
          Renewed until {formatTime(renewedUntil)}. Give the deployments the new licence key.
        </p>
      )}
      {error && (
        <p id={errorId} className={form.formError} role="alert" data-testid="renew-error">
          <code>{error.code}</code> {error.message}
        </p>
      )}
    </form>
  );
}

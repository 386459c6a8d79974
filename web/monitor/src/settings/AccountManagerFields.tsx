import { Options } from '@kpi/web-ui/forms';
import styles from './settings.module.css';
import { errorAt, type FieldErrors, type ManagersDraft } from './settings-model';

export interface AccountManagerFieldsProps {
  draft: ManagersDraft;
  /** Tenants to choose from (those with deployments, plus any already listed). */
  tenants: string[];
  errors: FieldErrors;
  readOnly: boolean;
  onChange(draft: ManagersDraft): void;
}

/** The default account manager and one per tenant: they receive the tenants' licence e-mails. */
export function AccountManagerFields({
  draft,
  tenants,
  errors,
  readOnly,
  onChange,
}: AccountManagerFieldsProps) {
  const defaultError = errorAt(errors, 'accountManagers.default');
  const rowsError = errors['accountManagers.byTenant.row'];
  const choices = [...new Set([...tenants, ...draft.byTenant.map((r) => r.tenantId).filter(Boolean)])].sort();
  const setRow = (i: number, row: { tenantId: string; email: string }) =>
    onChange({ ...draft, byTenant: draft.byTenant.map((r, j) => (j === i ? row : r)) });
  return (
    <div className={styles.managers}>
      <label className={styles.stack}>
        <span>Default account manager</span>
        <input
          type="email"
          className={styles.input}
          value={draft.default}
          readOnly={readOnly}
          placeholder="none"
          aria-invalid={defaultError ? true : undefined}
          aria-describedby={defaultError ? 'am-default-error' : undefined}
          onChange={(e) => onChange({ ...draft, default: e.target.value })}
        />
        {defaultError && (
          <span id="am-default-error" className={styles.fieldError}>
            {defaultError}
          </span>
        )}
      </label>
      <table className={styles.thresholds} aria-label="Account managers by tenant">
        <thead>
          <tr>
            <th scope="col">Tenant</th>
            <th scope="col">Account manager</th>
            {!readOnly && <th scope="col" aria-label="Actions" />}
          </tr>
        </thead>
        <tbody>
          {draft.byTenant.length === 0 && (
            <tr>
              <td colSpan={3} className={styles.muted}>
                No tenant has its own account manager: the default receives every licence e-mail.
              </td>
            </tr>
          )}
          {draft.byTenant.map((row, i) => {
            const error = row.tenantId
              ? errorAt(errors, `accountManagers.byTenant.${row.tenantId}`)
              : undefined;
            const label = row.tenantId || `row ${i + 1}`;
            return (
              // Rows have no id until a tenant is chosen; their position is their identity while editing.
              <tr key={i} data-testid="account-manager-row">
                <td>
                  {readOnly ? (
                    row.tenantId
                  ) : (
                    <select
                      className={styles.input}
                      aria-label={`Tenant of account manager ${i + 1}`}
                      value={row.tenantId}
                      onChange={(e) => setRow(i, { ...row, tenantId: e.target.value })}
                    >
                      <option value="">Choose a tenant…</option>
                      <Options items={choices} />
                    </select>
                  )}
                </td>
                <td>
                  <input
                    type="email"
                    className={styles.input}
                    aria-label={`Account manager for ${label}`}
                    value={row.email}
                    readOnly={readOnly}
                    aria-invalid={error ? true : undefined}
                    onChange={(e) => setRow(i, { ...row, email: e.target.value })}
                  />
                  {error && <span className={styles.fieldError}>{error}</span>}
                </td>
                {!readOnly && (
                  <td>
                    <button
                      type="button"
                      className="kpi-button"
                      aria-label={`Remove account manager for ${label}`}
                      onClick={() =>
                        onChange({ ...draft, byTenant: draft.byTenant.filter((_, j) => j !== i) })
                      }
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rowsError && <span className={styles.fieldError}>{rowsError}</span>}
      {!readOnly && (
        <button
          type="button"
          className="kpi-button"
          onClick={() => onChange({ ...draft, byTenant: [...draft.byTenant, { tenantId: '', email: '' }] })}
        >
          Add account manager
        </button>
      )}
    </div>
  );
}

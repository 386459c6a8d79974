import type { Tenant } from '@kpi/shared/contracts/demo-config';
import { ApiError, useApi, useApiClient } from '@kpi/web-ui/api';
import { type CatalogTreeResponse, catalogTreePath } from '@kpi/web-ui/catalog';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import styles from './CreateTenantDialog.module.css';
import {
  errorsFromApi,
  type FieldErrors,
  slugify,
  type TenantForm,
  tenantRequest,
  validateTenantForm,
} from './tenant-form';

export interface CreateTenantDialogProps {
  onClose(): void;
  onCreated(tenant: Tenant): void;
}

/** Platform admins create a client tenant: name, id, industry (from the catalog), contacts. */
export function CreateTenantDialog({ onClose, onCreated }: CreateTenantDialogProps) {
  const client = useApiClient();
  const catalog = useApi<CatalogTreeResponse>(catalogTreePath);
  const dialog = useRef<HTMLDialogElement>(null);
  const uid = useId();
  const [form, setForm] = useState<TenantForm>({ name: '', tenantId: '', industryId: '', contacts: [] });
  const [idEdited, setIdEdited] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  const set = (patch: Partial<TenantForm>) => setForm((f) => ({ ...f, ...patch }));
  const setContact = (i: number, patch: Partial<TenantForm['contacts'][number]>) =>
    setForm((f) => ({ ...f, contacts: f.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateTenantForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const tenant = await client.post<Tenant>('demo-config/tenants', tenantRequest(form));
      onCreated(tenant);
    } catch (err) {
      setErrors(
        err instanceof ApiError
          ? errorsFromApi(err.code, err.message, err.details)
          : { form: (err as Error).message },
      );
    } finally {
      setBusy(false);
    }
  };

  const field = (key: string) => ({
    id: `${uid}-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${uid}-${key}-error` : undefined,
  });
  const error = (key: string) =>
    errors[key] ? (
      <span id={`${uid}-${key}-error`} className={styles.fieldError} data-testid={`error-${key}`}>
        {errors[key]}
      </span>
    ) : null;

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby={`${uid}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${uid}-title`}>New tenant</h2>
        <p className={styles.muted}>A client of the platform. Its users sign in with its tenant id.</p>
        <div className={styles.field}>
          <label htmlFor={`${uid}-name`}>Client name</label>
          <input
            {...field('name')}
            value={form.name}
            onChange={(e) =>
              set({ name: e.target.value, ...(idEdited ? {} : { tenantId: slugify(e.target.value) }) })
            }
            autoComplete="off"
          />
          {error('name')}
        </div>
        <div className={styles.field}>
          <label htmlFor={`${uid}-tenantId`}>Tenant id</label>
          <input
            {...field('tenantId')}
            value={form.tenantId}
            className={styles.mono}
            onChange={(e) => {
              setIdEdited(true);
              set({ tenantId: e.target.value });
            }}
            autoComplete="off"
          />
          {error('tenantId')}
        </div>
        <div className={styles.field}>
          <label htmlFor={`${uid}-industryId`}>Industry</label>
          <select
            {...field('industryId')}
            value={form.industryId}
            onChange={(e) => set({ industryId: e.target.value })}
          >
            <option value="">{catalog.loading ? 'Loading industries…' : 'Choose an industry…'}</option>
            {catalog.data?.industries.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
          {catalog.error && (
            <span className={styles.fieldError}>
              Industries could not be loaded.{' '}
              <button type="button" className={styles.linkButton} onClick={catalog.reload}>
                Retry
              </button>
            </span>
          )}
          {error('industryId')}
        </div>
        <fieldset className={styles.contacts}>
          <legend>Contacts</legend>
          {form.contacts.length === 0 && <p className={styles.muted}>No contacts yet.</p>}
          {form.contacts.map((c, i) => (
            // Contacts have no id until saved; their position is their identity (the inputs are controlled).
            <div key={i} className={styles.contact}>
              <div className={styles.field}>
                <label htmlFor={`${uid}-contacts.${i}.name`}>
                  <span className="kpi-visually-hidden">Contact {i + 1} </span>
                  Name
                </label>
                <input
                  {...field(`contacts.${i}.name`)}
                  value={c.name}
                  onChange={(e) => setContact(i, { name: e.target.value })}
                />
                {error(`contacts.${i}.name`)}
              </div>
              <div className={styles.field}>
                <label htmlFor={`${uid}-contacts.${i}.email`}>
                  <span className="kpi-visually-hidden">Contact {i + 1} </span>
                  E-mail
                </label>
                <input
                  {...field(`contacts.${i}.email`)}
                  type="email"
                  value={c.email}
                  onChange={(e) => setContact(i, { email: e.target.value })}
                />
                {error(`contacts.${i}.email`)}
              </div>
              <div className={styles.field}>
                <label htmlFor={`${uid}-contacts.${i}.role`}>
                  <span className="kpi-visually-hidden">Contact {i + 1} </span>
                  Role
                </label>
                <input
                  {...field(`contacts.${i}.role`)}
                  value={c.role}
                  onChange={(e) => setContact(i, { role: e.target.value })}
                />
                {error(`contacts.${i}.role`)}
              </div>
              <button
                type="button"
                className="kpi-button"
                aria-label={`Remove contact ${i + 1}`}
                onClick={() => setForm((f) => ({ ...f, contacts: f.contacts.filter((_, j) => j !== i) }))}
              >
                Remove
              </button>
            </div>
          ))}
          {form.contacts.length < 20 && (
            <button
              type="button"
              className="kpi-button"
              onClick={() =>
                setForm((f) => ({ ...f, contacts: [...f.contacts, { name: '', email: '', role: 'owner' }] }))
              }
            >
              Add contact
            </button>
          )}
        </fieldset>
        {errors.form && (
          <div role="alert" className={styles.formError} data-testid="error-form">
            {errors.form}
          </div>
        )}
        <div className={styles.buttons}>
          <button type="button" className="kpi-button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="kpi-button kpi-button-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create tenant'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

import { ApiError } from '@kpi/web-ui/api';
import { type FormEvent, useId, useState } from 'react';
import styles from './Configurations.module.css';

/** Name and description as the user typed them, trimmed. */
export interface ConfigurationFields {
  name: string;
  description: string;
}

export interface ConfigurationFormProps {
  /** Accessible name of the form. */
  label: string;
  className: string | undefined;
  initial: ConfigurationFields;
  /** Shown when the name is blank; nothing is saved then. */
  emptyNameMessage: string;
  descriptionLabel: string;
  descriptionRows: number;
  /** Focus the name on opening (the form was opened to type a new one). */
  autoFocus?: boolean;
  submitLabel: string;
  busyLabel: string;
  onCancel(): void;
  /** Saves the trimmed fields; an error it throws is shown in the form, which stays open. */
  save(fields: ConfigurationFields): Promise<void>;
}

/**
 * The fields a configuration's name and description are typed in, shared by creating and editing so that both
 * check a blank name and show a failure the same way. What saving means is the caller's (`save`).
 */
export function ConfigurationForm({
  label,
  className,
  initial,
  emptyNameMessage,
  descriptionLabel,
  descriptionRows,
  autoFocus = false,
  submitLabel,
  busyLabel,
  onCancel,
  save,
}: ConfigurationFormProps) {
  const uid = useId();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(emptyNameMessage);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await save({ name: name.trim(), description: description.trim() });
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message} (${err.code})` : (err as Error).message);
    } finally {
      // After a successful save the caller usually closes the form; this only matters when it stays.
      setBusy(false);
    }
  };

  return (
    <form className={className} onSubmit={(e) => void submit(e)} aria-label={label} noValidate>
      <div className={styles.field}>
        <label htmlFor={`${uid}-name`}>Name</label>
        <input
          id={`${uid}-name`}
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error && !name.trim() ? true : undefined}
          // biome-ignore lint/a11y/noAutofocus: only when the form opens on request to type a new name.
          autoFocus={autoFocus}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor={`${uid}-description`}>{descriptionLabel}</label>
        <textarea
          id={`${uid}-description`}
          value={description}
          maxLength={4000}
          rows={descriptionRows}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      {error && (
        <div role="alert" className={styles.error}>
          {error}
        </div>
      )}
      <div className={styles.buttons}>
        <button type="button" className="kpi-button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="kpi-button kpi-button-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}

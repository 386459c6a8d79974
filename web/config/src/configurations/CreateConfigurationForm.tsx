import type { ConfigurationView } from '@kpi/shared/contracts/demo-config';
import { ApiError, useApiClient } from '@kpi/web-ui/api';
import { type FormEvent, useId, useState } from 'react';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import styles from './Configurations.module.css';

export interface CreateConfigurationFormProps {
  tenantId: string;
  /** Called with the new configuration, or undefined when cancelled. */
  onDone(created: ConfigurationView | undefined): void;
}

/** Name and description of a new draft; once created it becomes the current configuration. */
export function CreateConfigurationForm({ tenantId, onDone }: CreateConfigurationFormProps) {
  const client = useApiClient();
  const { setConfigurationId, configurationChanged } = useWorkspace();
  const uid = useId();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError('Give the configuration a name.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const created = await client.post<ConfigurationView>(
        `demo-config/tenants/${encodeURIComponent(tenantId)}/configurations`,
        { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) },
      );
      setConfigurationId(created.id);
      configurationChanged(created);
      onDone(created);
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message} (${err.code})` : (err as Error).message);
      setBusy(false);
    }
  };

  return (
    <form
      className={styles.createForm}
      onSubmit={(e) => void submit(e)}
      aria-label="New configuration"
      noValidate
    >
      <div className={styles.field}>
        <label htmlFor={`${uid}-name`}>Name</label>
        <input
          id={`${uid}-name`}
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error && !name.trim() ? true : undefined}
          // biome-ignore lint/a11y/noAutofocus: the form opens on request; typing the name is the next step.
          autoFocus
        />
      </div>
      <div className={styles.field}>
        <label htmlFor={`${uid}-description`}>Description (optional)</label>
        <textarea
          id={`${uid}-description`}
          value={description}
          maxLength={4000}
          rows={2}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      {error && (
        <div role="alert" className={styles.error}>
          {error}
        </div>
      )}
      <div className={styles.buttons}>
        <button type="button" className="kpi-button" onClick={() => onDone(undefined)} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="kpi-button kpi-button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create draft'}
        </button>
      </div>
    </form>
  );
}

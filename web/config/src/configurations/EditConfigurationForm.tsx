import type { ConfigurationView } from '@kpi/shared/contracts/demo-config';
import { useApiClient } from '@kpi/web-ui/api';
import { type FormEvent, useId, useState } from 'react';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import styles from './Configurations.module.css';

export interface EditConfigurationFormProps {
  config: ConfigurationView;
  /** 'saved', undefined when cancelled, or the error of the PATCH. */
  onDone(result: 'saved' | undefined | unknown): void;
}

/** Renames or re-describes a draft (PATCH with the etag read, so a concurrent change is refused). */
export function EditConfigurationForm({ config, onDone }: EditConfigurationFormProps) {
  const client = useApiClient();
  const { configurationPath, configurationChanged } = useWorkspace();
  const uid = useId();
  const [name, setName] = useState(config.name);
  const [description, setDescription] = useState(config.description ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError('The name cannot be empty.');
      return;
    }
    if (!configurationPath) return;
    setBusy(true);
    try {
      const view = await client.request<ConfigurationView>('PATCH', configurationPath, {
        body: { name: name.trim(), description: description.trim() },
        headers: { 'If-Match': config.etag },
      });
      configurationChanged(view);
      onDone('saved');
    } catch (err) {
      onDone(err);
    }
  };

  return (
    <form
      className={styles.editForm}
      onSubmit={(e) => void submit(e)}
      aria-label="Rename or describe"
      noValidate
    >
      <div className={styles.field}>
        <label htmlFor={`${uid}-name`}>Name</label>
        <input
          id={`${uid}-name`}
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor={`${uid}-description`}>Description</label>
        <textarea
          id={`${uid}-description`}
          value={description}
          maxLength={4000}
          rows={3}
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
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

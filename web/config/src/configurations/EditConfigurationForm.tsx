import type { ConfigurationView } from '@kpi/shared/contracts/demo-config';
import { useApiClient } from '@kpi/web-ui/api';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import { ConfigurationForm } from './ConfigurationForm';
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

  return (
    <ConfigurationForm
      label="Rename or describe"
      className={styles.editForm}
      initial={{ name: config.name, description: config.description ?? '' }}
      emptyNameMessage="The name cannot be empty."
      descriptionLabel="Description"
      descriptionRows={3}
      submitLabel="Save"
      busyLabel="Saving…"
      onCancel={() => onDone(undefined)}
      // A failure (a 412 among them) goes to the caller, which closes the form and reloads on a conflict.
      save={async (fields) => {
        if (!configurationPath) return;
        try {
          const view = await client.request<ConfigurationView>('PATCH', configurationPath, {
            body: fields,
            headers: { 'If-Match': config.etag },
          });
          configurationChanged(view);
          onDone('saved');
        } catch (err) {
          onDone(err);
        }
      }}
    />
  );
}

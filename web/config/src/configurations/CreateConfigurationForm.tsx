import type { ConfigurationView } from '@kpi/shared/contracts/demo-config';
import { useApiClient } from '@kpi/web-ui/api';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import { ConfigurationForm } from './ConfigurationForm';
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

  return (
    <ConfigurationForm
      label="New configuration"
      className={styles.createForm}
      initial={{ name: '', description: '' }}
      emptyNameMessage="Give the configuration a name."
      descriptionLabel="Description (optional)"
      descriptionRows={2}
      autoFocus
      submitLabel="Create draft"
      busyLabel="Creating…"
      onCancel={() => onDone(undefined)}
      // A failure stays in the form, so the name can be corrected and sent again.
      save={async ({ name, description }) => {
        const created = await client.post<ConfigurationView>(
          `demo-config/tenants/${encodeURIComponent(tenantId)}/configurations`,
          { name, ...(description ? { description } : {}) },
        );
        setConfigurationId(created.id);
        configurationChanged(created);
        onDone(created);
      }}
    />
  );
}

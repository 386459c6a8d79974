import type { Configuration } from '@kpi/shared/contracts/demo-config';
import { EmptyState, ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { useState } from 'react';
import { ConfigurationDetail } from '../configurations/ConfigurationDetail';
import styles from '../configurations/Configurations.module.css';
import { ConfigurationTable } from '../configurations/ConfigurationTable';
import { CreateConfigurationForm } from '../configurations/CreateConfigurationForm';
import { usePagedList } from '../workspace/usePagedList';
import { useWorkspace } from '../workspace/WorkspaceProvider';

/** The tenant's configurations: pick the one every page works on, create, rename, move its status. */
export default function ConfigurationsPage() {
  const { tenantId, permissions } = useWorkspace();
  const list = usePagedList<Configuration>(
    tenantId ? `demo-config/tenants/${encodeURIComponent(tenantId)}/configurations` : undefined,
  );
  const [creating, setCreating] = useState(false);

  if (!tenantId)
    return (
      <EmptyState title="Choose a tenant" icon="⌂">
        {permissions.isStaff
          ? 'Pick the client you are working for in the Tenant list above.'
          : 'Your account belongs to no tenant; ask your administrator.'}
      </EmptyState>
    );

  return (
    <div className={styles.columns}>
      <Panel
        title="Configurations"
        subtitle="What the client is buying: selected KPIs, targets, sources"
        flush
        actions={
          permissions.canEdit && !creating ? (
            <button type="button" className="kpi-button kpi-button-primary" onClick={() => setCreating(true)}>
              New configuration
            </button>
          ) : undefined
        }
      >
        {creating && (
          <CreateConfigurationForm
            tenantId={tenantId}
            onDone={(created) => {
              setCreating(false);
              if (created) list.reload();
            }}
          />
        )}
        {list.loading && list.items.length === 0 ? (
          <Loading label="Loading configurations…" />
        ) : list.error && list.items.length === 0 ? (
          <ErrorPanel
            title="The configurations could not be loaded"
            error={list.error}
            action={{ label: 'Retry', onClick: list.reload }}
          />
        ) : list.items.length === 0 ? (
          <EmptyState title="No configurations yet">
            {permissions.canEdit
              ? 'Create one to start selecting KPIs for this client.'
              : 'Nobody has created a configuration for this tenant yet.'}
          </EmptyState>
        ) : (
          <ConfigurationTable items={list.items} />
        )}
      </Panel>
      <ConfigurationDetail onListChanged={list.reload} />
    </div>
  );
}

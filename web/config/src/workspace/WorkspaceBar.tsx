import { Link } from '@kpi/web-ui/routing';
import { useId, useState } from 'react';
import { StatusBadge } from '../configurations/StatusBadge';
import { CreateTenantDialog } from './CreateTenantDialog';
import { useTenants } from './useTenants';
import styles from './WorkspaceBar.module.css';
import { useWorkspace } from './WorkspaceProvider';

/**
 * The strip above every Config page: which tenant (a switcher for vendor staff, fixed for tenant users)
 * and which configuration the pages work on, with a way to change either.
 */
export function WorkspaceBar() {
  const { tenantId, setTenantId, permissions, configurationId, configuration } = useWorkspace();
  const tenants = useTenants();
  const selectId = useId();
  const [creating, setCreating] = useState(false);
  const current = tenants.tenants.find((t) => t.id === tenantId);
  const config = configurationId ? configuration.data : undefined;

  return (
    <section className={styles.bar} aria-label="Workspace">
      <div className={styles.group}>
        {permissions.isStaff ? (
          <>
            <label htmlFor={selectId} className={styles.label}>
              Tenant
            </label>
            <select
              id={selectId}
              className={styles.select}
              value={tenantId ?? ''}
              onChange={(e) => setTenantId(e.target.value || undefined)}
              disabled={tenants.loading && tenants.tenants.length === 0}
              data-testid="tenant-switcher"
            >
              <option value="">{tenants.loading ? 'Loading tenants…' : 'Choose a tenant…'}</option>
              {tenants.tenants.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.id})
                </option>
              ))}
              {/* A remembered tenant not (yet) in the list stays selectable. */}
              {tenantId && !current && !tenants.loading && <option value={tenantId}>{tenantId}</option>}
            </select>
            {tenants.error && (
              <span role="alert" className={styles.error}>
                Tenants could not be loaded: {tenants.error.message}{' '}
                <button type="button" className={styles.linkButton} onClick={tenants.reload}>
                  Retry
                </button>
              </span>
            )}
            {permissions.canCreateTenants && (
              <button type="button" className="kpi-button" onClick={() => setCreating(true)}>
                New tenant
              </button>
            )}
          </>
        ) : (
          <>
            <span className={styles.label}>Tenant</span>
            <strong data-testid="workspace-tenant">{current?.name ?? tenantId ?? 'none'}</strong>
          </>
        )}
      </div>
      <div className={styles.group}>
        <span className={styles.label}>Configuration</span>
        {config ? (
          <>
            <strong data-testid="workspace-configuration">{config.name}</strong>
            <StatusBadge status={config.status} />
            <Link to="/" className={styles.link}>
              Change
            </Link>
          </>
        ) : configurationId && configuration.loading ? (
          <span className={styles.muted}>Loading…</span>
        ) : tenantId ? (
          <Link to="/" className={styles.link}>
            Choose a configuration
          </Link>
        ) : (
          <span className={styles.muted}>Choose a tenant first</span>
        )}
      </div>
      {creating && (
        <CreateTenantDialog
          onClose={() => setCreating(false)}
          onCreated={(tenant) => {
            setCreating(false);
            tenants.reload();
            setTenantId(tenant.id);
          }}
        />
      )}
    </section>
  );
}

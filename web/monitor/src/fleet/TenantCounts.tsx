import { Panel } from '@kpi/web-ui/layout';
import { DataTable } from '../common/DataTable';
import styles from './fleet.module.css';
import { STATUS_ORDER, statusStyle, type TenantGroup } from './fleet-model';

/** Deployment counts by status per tenant. */
export function TenantCounts({
  groups,
}: {
  /** Tenants with their counts. */ groups: Pick<TenantGroup, 'tenantId' | 'counts'>[];
}) {
  return (
    <Panel
      title="By tenant"
      subtitle={`${groups.length} ${groups.length === 1 ? 'tenant' : 'tenants'}`}
      flush
    >
      <div className={styles.scroll}>
        <DataTable
          className={`${styles.table} ${styles.compact}`}
          label="Deployments by tenant and status"
          columns={[
            'Tenant',
            ...STATUS_ORDER.map((s) => ({ key: s, label: statusStyle(s).label, className: styles.num })),
            { key: 'total', label: 'Total', className: styles.num },
          ]}
        >
          {groups.map((g) => (
            <tr
              key={g.tenantId}
              data-testid="tenant-counts"
              data-tenant={g.tenantId}
              data-total={g.counts.total}
              style={{ cursor: 'default' }}
            >
              <td className={styles.rowHead}>{g.tenantId}</td>
              {STATUS_ORDER.map((s) => (
                <td
                  key={s}
                  className={styles.num}
                  style={
                    g.counts[s] > 0 && s !== 'up' ? { color: statusStyle(s).colour, fontWeight: 600 } : {}
                  }
                >
                  {g.counts[s]}
                </td>
              ))}
              <td className={styles.num}>
                <strong>{g.counts.total}</strong>
              </td>
            </tr>
          ))}
        </DataTable>
      </div>
    </Panel>
  );
}

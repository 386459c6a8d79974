import type { KpiList } from '@kpi/shared/contracts/client-app';
import { EmptyState, Loading, Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useDeferredValue, useMemo, useState } from 'react';
import { CatalogError } from '../catalog/CatalogError';
import { directionText, formatValue, searchKpis } from '../catalog/kpi-format';
import { DataRoute } from '../license/DataRoute';
import { useDataApi } from '../license/useDataApi';
import styles from './CatalogPage.module.css';

/** The KPIs the licence entitles, with their definitions from the deployment's signed catalog snapshot. */
export default function CatalogPage() {
  return (
    <DataRoute page="The KPI catalog">
      <Catalog />
    </DataRoute>
  );
}

function Catalog() {
  const { data, error, loading, reload } = useDataApi<KpiList>('client-app/kpis');
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const shown = useMemo(() => (data ? searchKpis(data.items, deferred) : []), [data, deferred]);

  if (loading) return <Loading label="Loading your KPIs…" />;
  if (error && !data) return <CatalogError error={error} reload={reload} />;
  if (!data) return null;
  return (
    <>
      <div className={styles.head}>
        <div>
          <h1>Your KPIs</h1>
          <p data-testid="catalog-summary">
            {data.items.length} {data.items.length === 1 ? 'KPI' : 'KPIs'} in your licence · catalog{' '}
            {data.catalogVersion}
          </p>
        </div>
        <search className={styles.filter}>
          <label htmlFor="kpi-search">Search KPIs</label>
          <input
            id="kpi-search"
            type="search"
            placeholder="Name, description, tag or unit"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </search>
      </div>
      <Panel
        title="Entitled KPIs"
        subtitle={query ? `${shown.length} of ${data.items.length} match` : undefined}
        flush
      >
        {shown.length === 0 ? (
          <EmptyState title={query ? 'No matches' : 'No KPIs in your licence'}>
            {query
              ? `No KPI matches “${query}”.`
              : 'The licence entitles no KPIs. Ask the vendor to add KPIs to your configuration.'}
          </EmptyState>
        ) : (
          <table className={styles.table} aria-label="Entitled KPIs">
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col">Unit</th>
                <th scope="col">Direction</th>
                <th scope="col" className={styles.num}>
                  Target
                </th>
                <th scope="col">Tags</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((k) => (
                <tr key={k.id} data-testid="kpi-row" data-kpi-id={k.id}>
                  <td>
                    <Link to={`/kpi?id=${encodeURIComponent(k.id)}`} className={styles.kpiName}>
                      {k.name}
                    </Link>
                    <p className={styles.description}>{k.description}</p>
                  </td>
                  <td>{k.unitLabel || k.unit}</td>
                  <td className={styles.muted}>{directionText[k.direction]}</td>
                  <td className={styles.num}>{formatValue(k.target, k.unitLabel)}</td>
                  <td>
                    {k.tags.map((t) => (
                      <span key={t} className={styles.tag}>
                        {t}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}

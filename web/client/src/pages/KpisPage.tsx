import { useApi } from '@kpi/web-ui/api';
import { type CatalogTreeResponse, catalogTreePath, flattenKpis, type KpiEntry } from '@kpi/web-ui/catalog';
import { EmptyState, ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { useDeferredValue, useMemo, useState } from 'react';
import styles from './KpisPage.module.css';

/** Read-only list of the KPIs available to this deployment, grouped by industry. */
export default function KpisPage() {
  const { data, error, loading, reload } = useApi<CatalogTreeResponse>(catalogTreePath);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const kpis = useMemo(() => (data ? flattenKpis(data.industries) : []), [data]);
  const groups = useMemo(() => groupByIndustry(kpis, deferred), [kpis, deferred]);

  if (loading) return <Loading label="Loading your KPIs…" />;
  if (error && !data)
    return (
      <ErrorPanel
        title="KPIs could not be loaded"
        error={error}
        action={{ label: 'Retry', onClick: reload }}
      />
    );
  return (
    <>
      <div className={styles.head}>
        <div>
          <h1>KPIs available</h1>
          <p>
            {kpis.length} KPIs in {data?.industries.length ?? 0} industries · catalog {data?.catalogVersion}
          </p>
        </div>
        <search className={styles.filter}>
          <label htmlFor="kpi-filter">Filter KPIs</label>
          <input
            id="kpi-filter"
            type="search"
            placeholder="KPI, use case or value chain"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </search>
      </div>
      {groups.length === 0 ? (
        <Panel title="No KPIs">
          <EmptyState title={query ? 'No matches' : 'No KPIs available'}>
            {query ? `No KPI matches “${query}”.` : 'Your licence does not include any KPIs yet.'}
          </EmptyState>
        </Panel>
      ) : (
        <div className={styles.groups}>
          {groups.map(([industry, list]) => (
            <Panel key={industry} title={industry} subtitle={`${list.length} KPIs`} flush>
              <table className={styles.table} aria-label={`KPIs in ${industry}`}>
                <thead>
                  <tr>
                    <th scope="col" style={{ width: '40%' }}>
                      KPI
                    </th>
                    <th scope="col" style={{ width: '32%' }}>
                      Use case
                    </th>
                    <th scope="col">Value chain</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((k) => (
                    <tr key={k.id} data-testid="kpi-row">
                      <td className={styles.kpiName}>{k.name}</td>
                      <td>{k.useCase}</td>
                      <td className={styles.muted}>{k.valueChain}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Panel>
          ))}
        </div>
      )}
    </>
  );
}

function groupByIndustry(kpis: KpiEntry[], query: string): [string, KpiEntry[]][] {
  const q = query.trim().toLowerCase();
  const groups = new Map<string, KpiEntry[]>();
  for (const k of kpis) {
    if (q && ![k.name, k.useCase, k.valueChain, k.industry].some((s) => s.toLowerCase().includes(q)))
      continue;
    const list = groups.get(k.industry) ?? [];
    list.push(k);
    groups.set(k.industry, list);
  }
  return [...groups];
}

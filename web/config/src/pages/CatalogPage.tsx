import { useApi } from '@kpi/web-ui/api';
import {
  type CatalogTreeResponse,
  catalogTreePath,
  filterTree,
  kindLabel,
  kpiCount,
  type TreeNode,
} from '@kpi/web-ui/catalog';
import { HorizontalBarChart } from '@kpi/web-ui/charts';
import { EmptyState, ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { CatalogTree } from '../catalog/CatalogTree';
import { pathTo } from '../catalog/tree-navigation';
import styles from './CatalogPage.module.css';

/** The KPI catalog: Industry → Value chain → Use case → KPI, searchable. */
export default function CatalogPage() {
  const { data, error, loading, reload } = useApi<CatalogTreeResponse>(catalogTreePath);
  if (loading) return <Loading label="Loading the KPI catalog…" />;
  if (error && !data)
    return (
      <ErrorPanel
        title="The catalog could not be loaded"
        error={error}
        action={{ label: 'Retry', onClick: reload }}
      />
    );
  if (!data) return null;
  return <Catalog catalog={data} />;
}

function countKinds(nodes: TreeNode[]) {
  const counts = { industry: 0, valueChain: 0, useCase: 0, kpi: 0 };
  const walk = (list: TreeNode[]) => {
    for (const n of list) {
      counts[n.kind] += 1;
      walk(n.children ?? []);
    }
  };
  walk(nodes);
  return counts;
}

function Catalog({ catalog }: { catalog: CatalogTreeResponse }) {
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const filtered = useMemo(() => filterTree(catalog.industries, deferredQuery), [catalog, deferredQuery]);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [selectedId, setSelectedId] = useState<string>();
  const counts = useMemo(() => countKinds(catalog.industries), [catalog]);

  // A new search opens the branches that lead to its matches.
  useEffect(() => {
    if (deferredQuery.trim()) setExpanded(new Set(filtered.expand));
  }, [deferredQuery, filtered]);

  const selectedPath = useMemo(
    () => (selectedId ? pathTo(catalog.industries, selectedId) : []),
    [catalog, selectedId],
  );
  const selected = selectedPath[selectedPath.length - 1];
  const bars = useMemo(
    () =>
      catalog.industries
        .map((n) => ({ key: n.id, label: n.name, value: kpiCount(n) }))
        .sort((a, b) => b.value - a.value),
    [catalog],
  );

  return (
    <>
      <div className={styles.summary}>
        <Stat label="Catalog version" value={catalog.catalogVersion} small />
        <Stat label="Industries" value={counts.industry} />
        <Stat label="Value chains" value={counts.valueChain} />
        <Stat label="Use cases" value={counts.useCase} />
        {/* Distinct KPIs: one shared by several use cases or industries counts once. */}
        <Stat label="KPIs" value={catalog.kpiCount} />
      </div>
      <div className={styles.columns}>
        <Panel title="KPI catalog" subtitle="Industry → Value chain → Use case → KPI" flush>
          <search className={styles.search}>
            <label htmlFor="catalog-search">Search the catalog</label>
            <input
              id="catalog-search"
              type="search"
              placeholder="Industry, use case or KPI name"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
            />
            <span className={styles.hint} aria-live="polite">
              {deferredQuery.trim()
                ? `${filtered.matches} ${filtered.matches === 1 ? 'match' : 'matches'}`
                : 'Use the arrow keys to move through the tree, Enter or Space to open.'}
            </span>
          </search>
          <div className={styles.treeScroll}>
            {filtered.nodes.length === 0 ? (
              <EmptyState title={query ? 'No matches' : 'The catalog is empty'}>
                {query
                  ? `Nothing in the catalog is named like “${query}”.`
                  : 'No industries have been published yet.'}
              </EmptyState>
            ) : (
              <CatalogTree
                label="KPI catalog"
                nodes={filtered.nodes}
                expanded={expanded}
                onExpandedChange={setExpanded}
                selectedId={selectedId}
                onSelect={(node) => setSelectedId(node.id)}
                highlight={deferredQuery}
              />
            )}
          </div>
        </Panel>
        <div className={styles.side}>
          <Panel title="Details">
            {selected ? (
              <Details path={selectedPath} node={selected} />
            ) : (
              <EmptyState title="Nothing selected" icon="i">
                Choose an item in the catalog to see where it sits.
              </EmptyState>
            )}
          </Panel>
          <Panel title="KPIs per industry">
            {bars.length > 0 ? (
              <HorizontalBarChart bars={bars} title="Number of KPIs per industry" labelWidth={200} />
            ) : (
              <EmptyState title="No industries" />
            )}
          </Panel>
        </div>
      </div>
    </>
  );
}

function Stat({ label, value, small = false }: { label: string; value: string | number; small?: boolean }) {
  return (
    <div className={styles.stat}>
      <div className={styles.statLabel}>{label}</div>
      <div className={`${styles.statValue} ${small ? styles.statSmall : ''}`} title={String(value)}>
        {value}
      </div>
    </div>
  );
}

function Details({ path, node }: { path: TreeNode[]; node: TreeNode }) {
  return (
    <div>
      <ol className={styles.crumbs} aria-label="Position in the catalog">
        {path.slice(0, -1).map((n) => (
          <li key={n.id}>{n.name}</li>
        ))}
      </ol>
      <div className={styles.detailName}>{node.name}</div>
      <dl className={styles.facts}>
        <dt>Level</dt>
        <dd>{kindLabel[node.kind]}</dd>
        <dt>Id</dt>
        <dd className={styles.mono}>{node.id}</dd>
        {node.kind !== 'kpi' && (
          <>
            <dt>KPIs below</dt>
            <dd>{kpiCount(node)}</dd>
            <dt>Children</dt>
            <dd>{node.children?.length ?? 0}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

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
import { EmptyState, ErrorPanel, Loading, Panel, readFallback } from '@kpi/web-ui/layout';
import { Link, useLocation } from '@kpi/web-ui/routing';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { CatalogTree, type TreeChecks } from '../catalog/CatalogTree';
import { KpiDetail } from '../catalog/KpiDetail';
import { SelectionBar } from '../catalog/SelectionBar';
import { selectionOf } from '../catalog/selection';
import { pathTo } from '../catalog/tree-navigation';
import { useSelectionDraft } from '../catalog/useSelectionDraft';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import styles from './CatalogPage.module.css';

/**
 * The KPI catalog: Industry → Value chain → Use case → KPI, searchable; with a current configuration, the
 * tree has tri-state checkboxes that edit the configuration's selection. `?kpi=<id>` opens a KPI.
 */
export default function CatalogPage() {
  const tree = useApi<CatalogTreeResponse>(catalogTreePath);
  const fallback = readFallback(tree, {
    loading: 'Loading the KPI catalog…',
    failed: 'The catalog could not be loaded',
  });
  if (fallback) return fallback;
  if (!tree.data) return null;
  return <Catalog catalog={tree.data} />;
}

function readOnlyReason(canEdit: boolean, status: string): string | undefined {
  if (!canEdit) return 'Your role can see the selection but not change it.';
  if (status === 'proposed')
    return 'This configuration is proposed: move it back to draft to change the selection.';
  if (status === 'signed') return 'This configuration is signed: its selection is final.';
  return undefined;
}

function Catalog({ catalog }: { catalog: CatalogTreeResponse }) {
  const { configurationId, configuration, permissions } = useWorkspace();
  const config = configurationId ? configuration.data : undefined;
  const draft = useSelectionDraft(config);
  const editable = !!config && permissions.canEdit && config.status === 'draft';

  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const filtered = useMemo(() => filterTree(catalog.industries, deferredQuery), [catalog, deferredQuery]);
  const { search } = useLocation();
  const [selectedId, setSelectedId] = useState<string | undefined>(
    () => new URLSearchParams(search).get('kpi') ?? undefined,
  );
  // The open branches, remembered with the query they were opened under. A new search opens the branches
  // that lead to its matches in the same render as the filtered tree (not in an effect afterwards), so one
  // keystroke is one commit and the result count is shown with the rows it counts. A deep-linked KPI opens
  // the branches above its first occurrence.
  const [opened, setOpened] = useState<{ query: string; ids: Set<string> }>(() => {
    const path = selectedId ? pathTo(catalog.industries, selectedId) : [];
    return { query: '', ids: new Set(path.slice(0, -1).map((n) => n.id)) };
  });
  const expanded = opened.query === deferredQuery || !deferredQuery.trim() ? opened.ids : filtered.expand;
  const setExpanded = useCallback(
    (ids: Set<string>) => setOpened({ query: deferredQuery, ids }),
    [deferredQuery],
  );

  const selectedPath = useMemo(
    () => (selectedId ? pathTo(catalog.industries, selectedId) : []),
    [catalog, selectedId],
  );
  const selected = selectedPath[selectedPath.length - 1];

  const checks = useMemo<TreeChecks | undefined>(
    () =>
      config ? { selected: draft.selected, ...(editable ? { onChange: draft.change } : {}) } : undefined,
    [config, draft.selected, draft.change, editable],
  );

  const searching = deferredQuery.trim() !== '';
  return (
    <>
      {configurationId && !config ? (
        configuration.error ? (
          <ErrorPanel
            title="The configuration could not be loaded"
            error={configuration.error}
            action={{ label: 'Retry', onClick: configuration.reload }}
          />
        ) : (
          <Loading label="Loading the configuration…" />
        )
      ) : config ? (
        <SelectionBar
          configuration={config}
          draft={draft}
          industries={catalog.industries}
          catalogKpis={catalog.kpiCount}
          editable={editable}
          readOnlyReason={readOnlyReason(permissions.canEdit, config.status)}
        />
      ) : (
        <div className={styles.hint} data-testid="no-configuration-hint">
          Browsing the catalog. To select KPIs for a client,{' '}
          <Link to="/">choose or create a configuration</Link>.
        </div>
      )}
      <div className={styles.columns}>
        <Panel
          title="KPI catalog"
          subtitle={`${catalog.kpiCount} KPIs · version ${catalog.catalogVersion}`}
          flush
          actions={
            <>
              <button
                type="button"
                className="kpi-button"
                onClick={() => setExpanded(branchIds(filtered.nodes))}
              >
                Expand all
              </button>
              <button type="button" className="kpi-button" onClick={() => setExpanded(new Set())}>
                Collapse all
              </button>
            </>
          }
        >
          <search className={styles.search}>
            <label htmlFor="catalog-search">Search the catalog</label>
            <input
              id="catalog-search"
              type="search"
              placeholder="Industry, value chain, use case or KPI name"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
            />
            <span className={styles.hint} aria-live="polite">
              {/* Browser timings wait for this count: it is rendered with the tree it describes. */}
              <span
                data-testid="tree-result-count"
                data-query={deferredQuery}
                className={query !== deferredQuery ? styles.stale : undefined}
              >
                {searching ? filtered.matches : catalog.kpiCount}
              </span>{' '}
              {searching
                ? filtered.matches === 1
                  ? 'match'
                  : 'matches'
                : `KPIs. Arrow keys move through the tree, Enter opens${checks?.onChange ? ', Space ticks' : ''}.`}
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
                checks={checks}
              />
            )}
          </div>
        </Panel>
        <div className={styles.side}>
          {selected?.kind === 'kpi' ? (
            <Panel title="KPI detail">
              <KpiDetail
                kpiId={selected.id}
                configuration={config}
                savedInSelection={draft.saved.has(selected.id)}
                canEdit={editable}
              />
            </Panel>
          ) : selected ? (
            <Panel title="Details">
              <Details path={selectedPath} node={selected} selection={checks?.selected} />
            </Panel>
          ) : (
            <IndustryChart industries={catalog.industries} />
          )}
        </div>
      </div>
    </>
  );
}

/** Ids of every node with children (what "Expand all" opens). */
function branchIds(nodes: TreeNode[]): Set<string> {
  const ids = new Set<string>();
  const walk = (list: TreeNode[]) => {
    for (const n of list)
      if (n.children?.length) {
        ids.add(n.id);
        walk(n.children);
      }
  };
  walk(nodes);
  return ids;
}

function IndustryChart({ industries }: { industries: TreeNode[] }) {
  const bars = useMemo(
    () =>
      industries
        .map((n) => ({ key: n.id, label: n.name, value: kpiCount(n) }))
        .sort((a, b) => b.value - a.value),
    [industries],
  );
  return (
    <Panel title="KPIs per industry" subtitle="Choose an item in the catalog to see its details">
      {bars.length > 0 ? (
        <HorizontalBarChart bars={bars} title="Number of KPIs per industry" labelWidth={200} />
      ) : (
        <EmptyState title="No industries" />
      )}
    </Panel>
  );
}

function Details({
  path,
  node,
  selection,
}: {
  path: TreeNode[];
  node: TreeNode;
  selection: ReadonlySet<string> | undefined;
}) {
  const sel = selection ? selectionOf(node, selection) : undefined;
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
        <dt>KPIs below</dt>
        <dd>{kpiCount(node)}</dd>
        {sel && (
          <>
            <dt>Selected</dt>
            <dd data-testid="detail-selected">
              {sel.selected} of {sel.total}
            </dd>
          </>
        )}
        <dt>Children</dt>
        <dd>{node.children?.length ?? 0}</dd>
      </dl>
    </div>
  );
}

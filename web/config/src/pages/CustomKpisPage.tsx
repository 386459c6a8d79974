import type { CustomKpi } from '@kpi/shared/contracts/metadata-custom-kpi';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { useApi, useApiClient } from '@kpi/web-ui/api';
import { type CatalogTreeResponse, catalogTreePath, type TreeNode } from '@kpi/web-ui/catalog';
import { EmptyState, ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { Link, navigate, useLocation } from '@kpi/web-ui/routing';
import { useCallback, useMemo, useRef, useState } from 'react';
import frame from '../common/page.module.css';
import { CustomKpiEditor } from '../custom-kpis/CustomKpiEditor';
import { CustomKpiList } from '../custom-kpis/CustomKpiList';
import styles from '../custom-kpis/CustomKpis.module.css';
import { useWorkspace } from '../workspace/WorkspaceProvider';

type Page = { items: CustomKpi[]; continuationToken?: string };

function catalogKpis(nodes: readonly TreeNode[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  const walk = (list: readonly TreeNode[]) => {
    for (const n of list) {
      if (n.kind === 'kpi') seen.set(n.id, n.name);
      else walk(n.children ?? []);
    }
  };
  walk(nodes);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id));
}

/** The tenant's custom KPIs: list, editor with live formula checks, versions; `?kpi=<id>` or `?new`. */
export default function CustomKpisPage() {
  const { tenantId, permissions } = useWorkspace();
  if (!tenantId)
    return (
      <EmptyState title="Choose a tenant first" icon="ƒ">
        Custom KPIs belong to a tenant. <Link to="/">Pick a tenant on the Configurations page.</Link>
      </EmptyState>
    );
  return <CustomKpis tenantId={tenantId} permissions={permissions} />;
}

function CustomKpis({
  tenantId,
  permissions,
}: {
  tenantId: string;
  permissions: ReturnType<typeof useWorkspace>['permissions'];
}) {
  const client = useApiClient();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const kpiId = params.get('kpi') ?? undefined;
  const creating = params.has('new') && permissions.canEdit;
  const listPath = `metadata/tenants/${encodeURIComponent(tenantId)}/custom-kpis?limit=100`;
  const list = useApi<Page>(listPath);
  const objects = useApi<{ objects: DataObject[] }>('metadata/objects');
  const tree = useApi<CatalogTreeResponse>(catalogTreePath);
  const [more, setMore] = useState<{ items: CustomKpi[]; token?: string; loading?: boolean }>({ items: [] });
  const kpis = useMemo(() => tree.data && catalogKpis(tree.data.industries), [tree.data]);
  const items = useMemo(() => {
    const first = list.data?.items ?? [];
    const ids = new Set(first.map((k) => k.id));
    return [...first, ...more.items.filter((k) => !ids.has(k.id))];
  }, [list.data, more.items]);
  const nextToken = more.token ?? list.data?.continuationToken;

  const loadMore = async () => {
    if (!nextToken) return;
    setMore((m) => ({ ...m, loading: true }));
    try {
      const page = await client.get<Page>(`${listPath}&continuationToken=${encodeURIComponent(nextToken)}`);
      setMore((m) => ({ items: [...m.items, ...page.items], token: page.continuationToken }));
    } catch {
      setMore((m) => ({ ...m, loading: false }));
    }
  };

  const tab = params.get('tab') === 'versions' ? 'versions' : 'definition';
  const dirty = useRef(false);
  const onDirty = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  /** Leaves the KPI on screen, asking first when it has unsaved changes. */
  const go = useCallback((to: string) => {
    if (dirty.current && !window.confirm('Discard your unsaved changes to this custom KPI?')) return;
    dirty.current = false;
    navigate(to);
  }, []);
  const open = useCallback((id: string) => go(`/custom-kpis?kpi=${encodeURIComponent(id)}`), [go]);
  const onTab = useCallback(
    (t: 'definition' | 'versions') =>
      kpiId &&
      navigate(`/custom-kpis?kpi=${encodeURIComponent(kpiId)}${t === 'versions' ? '&tab=versions' : ''}`, {
        replace: true,
      }),
    [kpiId],
  );
  const onChanged = useCallback(
    (id: string) => {
      list.reload();
      if (id !== kpiId) navigate(`/custom-kpis?kpi=${encodeURIComponent(id)}`, { replace: true });
    },
    [list.reload, kpiId],
  );

  return (
    <div className={styles.page}>
      <Panel
        title="Custom KPIs"
        subtitle={list.data ? `${items.length}${nextToken ? '+' : ''}` : undefined}
        flush
        className={styles.listPanel}
        actions={
          permissions.canEdit && (
            <button
              type="button"
              className="kpi-button kpi-button-primary"
              onClick={() => go('/custom-kpis?new')}
            >
              New
            </button>
          )
        }
      >
        {list.loading ? (
          <Loading label="Loading custom KPIs…" />
        ) : list.error && !list.data ? (
          <ErrorPanel
            title="Custom KPIs could not be loaded"
            error={list.error}
            action={{ label: 'Retry', onClick: list.reload }}
          />
        ) : (
          <>
            <CustomKpiList items={items} selectedId={kpiId} onOpen={open} />
            {nextToken && (
              <button
                type="button"
                className={`kpi-button ${styles.more}`}
                disabled={more.loading}
                onClick={() => void loadMore()}
              >
                {more.loading ? 'Loading…' : 'Load more'}
              </button>
            )}
          </>
        )}
      </Panel>
      <div className={frame.column}>
        {((objects.error && !objects.data) || (tree.error && !tree.data)) && (
          <ErrorPanel
            title="The catalog could not be loaded: completion and instant checks are off (the service still checks)"
            error={objects.error ?? tree.error}
            action={{
              label: 'Retry',
              onClick: () => {
                if (!objects.data) objects.reload();
                if (!tree.data) tree.reload();
              },
            }}
          />
        )}
        {kpiId || creating ? (
          <CustomKpiEditor
            tenantId={tenantId}
            kpiId={kpiId}
            permissions={permissions}
            objects={objects.data?.objects}
            catalogKpis={kpis}
            customKpis={items}
            onChanged={onChanged}
            tab={tab}
            onTab={onTab}
            onDirty={onDirty}
          />
        ) : (
          <EmptyState
            title={items.length ? 'Open a custom KPI' : 'Your own KPIs, checked as you type'}
            icon="ƒ"
          >
            {items.length ? 'Pick one in the list to edit its draft, publish it or see its versions.' : null}
            {permissions.canEdit ? (
              <p>
                <button
                  type="button"
                  className="kpi-button kpi-button-primary"
                  onClick={() => go('/custom-kpis?new')}
                >
                  Create a custom KPI
                </button>
              </p>
            ) : (
              <p>Your role can read custom KPIs; an editor or admin creates and changes them.</p>
            )}
          </EmptyState>
        )}
      </div>
    </div>
  );
}

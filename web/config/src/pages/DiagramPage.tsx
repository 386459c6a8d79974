import { EmptyState, ErrorPanel, Loading } from '@kpi/web-ui/layout';
import { Link, navigate, useLocation } from '@kpi/web-ui/routing';
import { useCallback, useMemo } from 'react';
import styles from '../diagram/Diagram.module.css';
import { DiagramToolbar } from '../diagram/DiagramToolbar';
import { DiagramView } from '../diagram/DiagramView';
import { type DiagramScope, useDiagramData } from '../diagram/use-diagram-data';
import { useDiagramLayout, useWarmLayouter } from '../diagram/use-diagram-layout';
import { useKpiNames } from '../workspace/useKpiNames';
import { useWorkspace } from '../workspace/WorkspaceProvider';

/**
 * The UML class diagram of the data objects: by default what the configuration's KPIs need, or the
 * catalog's whole model. `?kpi=<id>` highlights one KPI's objects and fields (the KPI detail links here),
 * `?scope=all|selection` picks the scope.
 */
export default function DiagramPage() {
  useWarmLayouter();
  const { tenantId, configurationId, configuration } = useWorkspace();
  const { search } = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const kpi = params.get('kpi') || undefined;
  const selectedIds = useMemo(
    () => configuration.data?.selectedKpis.map((k) => k.kpiId) ?? [],
    [configuration.data],
  );
  const requested = params.get('scope');
  // The selection by default; the whole model without a selection, or for a KPI the selection lacks.
  const scope: DiagramScope =
    selectedIds.length === 0
      ? 'all'
      : requested === 'all' || requested === 'selection'
        ? requested
        : kpi && !selectedIds.includes(kpi)
          ? 'all'
          : 'selection';

  const setParam = useCallback(
    (name: string, value: string | undefined) => {
      const next = new URLSearchParams(search);
      if (value === undefined) next.delete(name);
      else next.set(name, value);
      const query = next.toString();
      navigate(`/diagram${query ? `?${query}` : ''}`, { replace: true });
    },
    [search],
  );

  const waitingForConfiguration = configurationId !== undefined && !configuration.data;
  const data = useDiagramData({ tenantId, selectedIds, scope, kpi });
  const {
    layout,
    error: layoutError,
    running,
    retry,
  } = useDiagramLayout(waitingForConfiguration ? undefined : data.model);
  const { nameOf, catalog: catalogKpis } = useKpiNames({
    enabled: true,
    tenantId,
    withCustom: configuration.data?.selectedKpis.some((k) => k.customVersion !== undefined) ?? false,
  });
  const kpiOptions = useMemo(() => {
    const ids = configuration.data ? selectedIds : [...catalogKpis.keys()];
    const all = kpi && !ids.includes(kpi) ? [kpi, ...ids] : ids;
    return all.map((id) => ({ id, name: nameOf(id) })).sort((a, b) => a.name.localeCompare(b.name));
  }, [configuration.data, selectedIds, catalogKpis, kpi, nameOf]);

  if (configurationId && configuration.error && !configuration.data)
    return (
      <ErrorPanel
        title="The configuration could not be loaded"
        error={configuration.error}
        action={{ label: 'Retry', onClick: configuration.reload }}
      />
    );
  if (waitingForConfiguration) return <Loading label="Loading the configuration…" />;
  if (data.error)
    return (
      <>
        <ErrorPanel
          title="The data model could not be loaded"
          error={data.error}
          action={{ label: 'Retry', onClick: data.reload }}
        />
        {scope === 'selection' && (
          // E.g. a selected custom KPI that no longer exists: the whole model still shows.
          <p className={styles.notice}>
            <Link to={kpi ? `/diagram?scope=all&kpi=${encodeURIComponent(kpi)}` : '/diagram?scope=all'}>
              Show the whole catalog model instead
            </Link>
          </p>
        )}
      </>
    );
  if (layoutError)
    return (
      <ErrorPanel
        title="The diagram could not be laid out"
        error={layoutError}
        action={{ label: 'Retry', onClick: retry }}
      />
    );
  if (data.model && data.model.classes.length === 0)
    return (
      <EmptyState title="No data objects" icon="◇">
        The selected KPIs need no data objects.{' '}
        <Link to="/diagram?scope=all">Show the whole catalog model</Link>.
      </EmptyState>
    );
  if (data.loading || !data.model || !layout || running)
    return <Loading label={data.model ? 'Laying out the diagram…' : 'Loading the data model…'} />;

  const toolbar = (
    <>
      <DiagramToolbar
        scope={scope}
        selectedCount={selectedIds.length}
        onScope={(s) => setParam('scope', s)}
        kpis={kpiOptions}
        kpi={kpi}
        onKpi={(id) => setParam('kpi', id)}
        areas={[...new Set(data.model.classes.map((c) => c.area))].sort()}
      />
      {!configurationId && (
        <p className={styles.notice}>
          No configuration chosen: showing the whole catalog model. <Link to="/">Choose a configuration</Link>{' '}
          to see what its KPIs need.
        </p>
      )}
      {data.highlightError && (
        <p className={styles.warning} role="alert">
          {kpi} cannot be highlighted: {data.highlightError.message}
        </p>
      )}
    </>
  );
  return (
    <div className={styles.page}>
      <DiagramView
        model={data.model}
        layout={layout}
        scope={scope}
        configurationName={configuration.data?.name}
        selectionGraph={data.selectionGraph}
        highlight={data.highlight}
        kpi={kpi}
        nameOf={nameOf}
        onKpi={(id) => setParam('kpi', id)}
        toolbar={toolbar}
      />
    </div>
  );
}

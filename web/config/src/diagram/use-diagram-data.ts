import { useApi } from '@kpi/web-ui/api';
import { useMemo } from 'react';
import {
  type DiagramModel,
  type KpiNeeds,
  kpisByObject,
  modelFromGraph,
  modelFromObjects,
  needsByKpi,
  type ObjectGraph,
  type ObjectModelResponse,
} from './diagram-model';

/** Which classes the diagram shows: what the configuration's KPIs need, or the catalog's whole model. */
export type DiagramScope = 'selection' | 'all';

export interface DiagramDataOptions {
  tenantId: string | undefined;
  /** The configuration's selected KPI ids (catalog and custom). */
  selectedIds: readonly string[];
  scope: DiagramScope;
  /** The KPI to highlight. */
  kpi: string | undefined;
}

export interface DiagramData {
  model: DiagramModel | undefined;
  loading: boolean;
  error: Error | undefined;
  reload(): void;
  /** The selection's graph: which selected KPIs need which objects and fields. */
  selectionGraph: ObjectGraph | undefined;
  /** Per object: the selected KPIs that need it. */
  objectKpis: Map<string, string[]>;
  /** What the highlighted KPI needs, once known. */
  highlight: KpiNeeds | undefined;
  /** Why the highlighted KPI's needs could not be read (e.g. an unknown id). */
  highlightError: Error | undefined;
}

const EMPTY_NEEDS = new Map<string, KpiNeeds>();

/**
 * The diagram's data from the metadata service. The selection's graph comes from the tenant's graph
 * route (it knows the tenant's custom KPIs), the whole model from `GET metadata/objects`; a highlighted
 * KPI outside the selection is read on its own from the graph route.
 */
export function useDiagramData({ tenantId, selectedIds, scope, kpi }: DiagramDataOptions): DiagramData {
  const graphBase = tenantId
    ? `metadata/tenants/${encodeURIComponent(tenantId)}/objects/graph`
    : 'metadata/objects/graph';
  const query = (ids: readonly string[]) => `${graphBase}?kpis=${ids.map(encodeURIComponent).join(',')}`;
  const selection = useApi<ObjectGraph>(selectedIds.length > 0 ? query(selectedIds) : undefined);
  // The whole model serves both scopes: all of it, or the associations between the selection's classes.
  const whole = useApi<ObjectModelResponse>('metadata/objects');

  const selectionNeeds = useMemo(
    () => (selection.data ? needsByKpi(selection.data) : EMPTY_NEEDS),
    [selection.data],
  );
  const objectKpis = useMemo(
    () => (selection.data ? kpisByObject(selection.data) : new Map<string, string[]>()),
    [selection.data],
  );
  const inSelection = kpi !== undefined && selectedIds.includes(kpi);
  const single = useApi<ObjectGraph>(kpi && !inSelection ? query([kpi]) : undefined);
  const singleNeeds = useMemo(() => (single.data ? needsByKpi(single.data) : EMPTY_NEEDS), [single.data]);

  const wholeModel = useMemo(() => (whole.data ? modelFromObjects(whole.data) : undefined), [whole.data]);
  // Waits for the whole model (or its failure) so the selection is laid out once, with its context.
  const wholeSettled = !whole.loading;
  const selectionModel = useMemo(
    () => (selection.data && wholeSettled ? modelFromGraph(selection.data, whole.data) : undefined),
    [selection.data, whole.data, wholeSettled],
  );

  const source = scope === 'all' ? whole : selection;
  const highlight = kpi ? (inSelection ? selectionNeeds.get(kpi) : singleNeeds.get(kpi)) : undefined;
  return {
    model: scope === 'all' ? wholeModel : selectionModel,
    loading:
      source.loading || (scope === 'selection' && ((selection.fetching && !selection.data) || !wholeSettled)),
    error: source.data ? undefined : source.error,
    reload: source.reload,
    selectionGraph: selection.data,
    objectKpis,
    highlight,
    highlightError: kpi && !inSelection && !single.fetching ? single.error : undefined,
  };
}

import { useApi } from '@kpi/web-ui/api';
import { type CatalogTreeResponse, catalogTreePath, flattenKpis } from '@kpi/web-ui/catalog';
import { useCallback, useMemo } from 'react';

export interface KpiNames {
  /** The KPI's name, or its id while the names load (or if it has none we can read). */
  nameOf(kpiId: string): string;
  /** Every catalog KPI by id, in tree order. */
  catalog: Map<string, string>;
}

interface CustomKpiList {
  items: { id: string; definition: { name: string } }[];
}

/**
 * KPI names for pages that show KPIs by id: the catalog's from its tree, and the tenant's custom
 * KPIs' from the metadata service, which the tree does not hold. `withCustom` reads the latter only
 * when the page shows custom KPIs.
 */
export function useKpiNames(options: {
  enabled: boolean;
  tenantId: string | undefined;
  withCustom: boolean;
}): KpiNames {
  const tree = useApi<CatalogTreeResponse>(options.enabled ? catalogTreePath : undefined);
  const customPath =
    options.enabled && options.withCustom && options.tenantId
      ? `metadata/tenants/${encodeURIComponent(options.tenantId)}/custom-kpis?limit=100`
      : undefined;
  const custom = useApi<CustomKpiList>(customPath);
  const catalog = useMemo(
    () => new Map(flattenKpis(tree.data?.industries ?? []).map((k): [string, string] => [k.id, k.name])),
    [tree.data],
  );
  const names = useMemo(
    () =>
      new Map([
        ...catalog,
        ...(custom.data?.items ?? []).map((k): [string, string] => [k.id, k.definition.name]),
      ]),
    [catalog, custom.data],
  );
  const nameOf = useCallback((id: string) => names.get(id) ?? id, [names]);
  return { nameOf, catalog };
}

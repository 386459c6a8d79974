/** The KPI catalog tree as the metadata API serves it, and pure helpers over it. */
export {
  type CatalogTreeResponse,
  catalogTreePath,
  type FilteredTree,
  filterTree,
  flattenKpis,
  type KpiEntry,
  kindLabel,
  kpiCount,
  type TreeNode,
  type TreeNodeKind,
} from './catalog/catalog-tree';
export { directionText, formatValue } from './catalog/kpi-value';

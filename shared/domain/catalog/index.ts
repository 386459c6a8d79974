/** The KPI catalog: types, data, index and tree. */

export { CATALOG_RELEASE, indexCatalog, loadCatalog, loadCatalogWithIndex } from './load-catalog';
export type { CatalogTree, TreeFilter, TreeNode } from './tree';
export { buildTree } from './tree';
export type * from './types';
export { UNIT_BANDS } from './types';

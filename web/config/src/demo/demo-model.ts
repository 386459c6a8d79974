/** The demo page's pure helpers: KPI tiles grouped by value chain, preview KPIs as tiles, month steps. */

import type { TreeNode } from '@kpi/shared/contracts/catalog-tree';
import type { DashboardPreview } from '@kpi/shared/contracts/demo-config';
import type { KpiTileData } from '@kpi/web-ui/kpi';

export type PreviewKpi = DashboardPreview['kpis'][number];

/** A value chain with the selected KPIs it holds, in catalog order. */
export interface TileGroup {
  name: string;
  kpis: PreviewKpi[];
}

/** The sample data window of the dashboard preview (`dashboardPreviewQuerySchema`). */
export const FIRST_MONTH = '2023-01';
export const LAST_MONTH = '2024-12';
export const DEFAULT_MONTH = '2024-06';

/**
 * Groups the preview's KPIs by the value chain of the industry tree they first appear in (catalog order);
 * custom KPIs, and KPIs the tree does not place, come last in their own groups.
 */
export function groupByValueChain(kpis: readonly PreviewKpi[], industry: TreeNode | undefined): TileGroup[] {
  const chainOf = new Map<string, string>();
  const order: string[] = [];
  const walk = (node: TreeNode, chain: string) => {
    if (node.kind === 'kpi') {
      if (!chainOf.has(node.id)) chainOf.set(node.id, chain);
      return;
    }
    for (const child of node.children ?? []) walk(child, chain);
  };
  for (const chain of industry?.children ?? []) {
    order.push(chain.name);
    walk(chain, chain.name);
  }
  const groups = new Map<string, PreviewKpi[]>();
  for (const k of kpis) {
    const name = k.custom ? 'Custom KPIs' : (chainOf.get(k.kpiId) ?? 'Other KPIs');
    groups.set(name, [...(groups.get(name) ?? []), k]);
  }
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i >= 0 ? i : name === 'Custom KPIs' ? order.length : order.length + 1;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, list]) => ({ name, kpis: list }));
}

/** A preview KPI as the shared tile shows it (the same tile as the Client UI's dashboards). */
export function toTile(kpi: PreviewKpi): KpiTileData {
  return {
    id: kpi.kpiId,
    name: kpi.name,
    unitLabel: kpi.unitLabel,
    format: kpi.format,
    direction: kpi.direction,
    target: kpi.target,
    thresholds: kpi.thresholds,
    value: kpi.value,
    series: kpi.series,
  };
}

/** `YYYY-MM` moved by `delta` months, kept inside the sample data window. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 2024) * 12 + ((m ?? 1) - 1) + delta;
  const next = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  return next < FIRST_MONTH ? FIRST_MONTH : next > LAST_MONTH ? LAST_MONTH : next;
}

/** `2024-06` → `June 2024`. */
export function monthLabel(month: string): string {
  const t = Date.parse(`${month}-01T00:00:00Z`);
  if (Number.isNaN(t)) return month;
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(t);
}

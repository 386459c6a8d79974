import type { AnalysisView } from '@kpi/shared/contracts/demo-config';

export type KpiStatus = AnalysisView['kpis'][number]['status'];
export type KpiReadinessItem = AnalysisView['kpis'][number];
export type StatusFilter = KpiStatus | 'all';

/** Label of each readiness status. */
export const STATUS_LABEL: Record<KpiStatus, string> = {
  ready: 'Ready',
  partial: 'Partial',
  blocked: 'Blocked',
};

const STATUS_ORDER: Record<KpiStatus, number> = { blocked: 0, partial: 1, ready: 2 };

/**
 * The KPIs the readiness list shows: those with the status (or all), whose name or id contains the query,
 * the ones needing work first (blocked, partial, ready), then by name.
 */
export function filterKpis(
  kpis: readonly KpiReadinessItem[],
  status: StatusFilter,
  query: string,
  nameOf: (kpiId: string) => string,
): KpiReadinessItem[] {
  const q = query.trim().toLowerCase();
  return kpis
    .filter((k) => status === 'all' || k.status === status)
    .filter((k) => !q || k.kpiId.toLowerCase().includes(q) || nameOf(k.kpiId).toLowerCase().includes(q))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || nameOf(a.kpiId).localeCompare(nameOf(b.kpiId)),
    );
}

/** What a KPI lacks, as short phrases: whole objects first, then "Object.field" per missing field. */
export function missingOf(kpi: KpiReadinessItem): string[] {
  if (kpi.problem === 'unknown-kpi') return ['Not in the catalog analysed (or its formula does not check)'];
  const whole = new Set(kpi.missingObjects);
  return [
    ...kpi.missingObjects.map((o) => `${o} (no source)`),
    ...kpi.missing.filter((m) => !whole.has(m.object)).map((m) => `${m.object}.${m.field}`),
  ];
}

/** Gaps grouped per object: a whole missing object, or its missing fields, with the KPIs they block. */
export interface GapGroup {
  object: string;
  /** No source provides the object at all. */
  whole: boolean;
  fields: { field: string; kpis: string[] }[];
  /** Every KPI a gap of this object holds back. */
  kpis: string[];
}

/** Groups the analysis gaps per object, objects holding back more KPIs first. */
export function groupGaps(gaps: AnalysisView['gaps']): GapGroup[] {
  const groups = new Map<string, GapGroup>();
  for (const g of gaps) {
    const group = groups.get(g.object) ?? { object: g.object, whole: false, fields: [], kpis: [] };
    if (g.field === undefined) group.whole = true;
    else group.fields.push({ field: g.field, kpis: [...g.kpis] });
    for (const k of g.kpis) if (!group.kpis.includes(k)) group.kpis.push(k);
    groups.set(g.object, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(b.whole) - Number(a.whole) || b.kpis.length - a.kpis.length || a.object.localeCompare(b.object),
  );
}

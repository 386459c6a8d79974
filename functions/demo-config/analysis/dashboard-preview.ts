/**
 * Demo mode: what the client's dashboards would show for the configuration's KPIs on the deterministic sample
 * data of the tenant's industry — each KPI's value for a month, its status against the (overridden) target's
 * bands, and the twelve months before it. Sample data sets are generated once per industry and process.
 */
import type { DashboardPreview } from '@kpi/shared/contracts/demo-config';
import { kpiStatus } from '@kpi/shared/domain/analysis/kpi-status';
import type { Dataset } from '@kpi/shared/domain/formula/evaluate';
import { monthPeriod } from '@kpi/shared/domain/formula/period';
import { generateSampleData } from '@kpi/shared/domain/sample-data/index';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { findConfiguration } from '../configurations/manage-configurations';
import type { AppDeps } from '../dependencies';
import { getTenantInScope } from '../tenants/manage-tenants';

const samples = new Map<string, Dataset>();

function sampleDataFor(industryId: string): Dataset {
  let data = samples.get(industryId);
  if (!data) {
    data = generateSampleData(industryId);
    samples.set(industryId, data);
  }
  return data;
}

/** `YYYY-MM` of the month `offset` months after `month`. */
function shift(month: string, offset: number): { label: string; year: number; month: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return { label: d.toISOString().slice(0, 7), year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

export async function dashboardPreview(
  deps: AppDeps,
  scope: TenantScope,
  configurationId: string,
  month: string,
): Promise<DashboardPreview> {
  const [tenant, found] = await Promise.all([
    getTenantInScope(deps, scope),
    findConfiguration(deps, scope, configurationId),
  ]);
  const data = sampleDataFor(tenant.industryId);
  const targets = new Map(found.item.targetOverrides.map((t) => [t.kpiId, t.target]));
  const months = Array.from({ length: 12 }, (_, i) => shift(month, i - 11));
  const kpis: DashboardPreview['kpis'] = [];
  for (const selected of found.item.selectedKpis) {
    let definition: {
      name: string;
      formula: string;
      unitLabel: string;
      format: string;
      direction: 'higher-is-better' | 'lower-is-better';
      target: number;
      thresholds: { good: number; warning: number; critical: number };
    };
    if (selected.customVersion !== undefined) {
      const v = await deps.customKpiVersions.get(scope, `${selected.kpiId}:v${selected.customVersion}`);
      if (!v) continue;
      definition = v.definition;
    } else {
      const kpi = deps.catalogIndex.kpis.get(selected.kpiId);
      if (!kpi) continue;
      definition = { ...kpi, thresholds: { ...kpi.thresholds } };
    }
    const compiled =
      selected.customVersion === undefined
        ? deps.engine.compileKpi(selected.kpiId)
        : deps.engine.compile(definition.formula).compiled;
    const valueAt = (year: number, m: number) =>
      compiled ? deps.engine.evaluate(compiled, data, monthPeriod(year, m)).value : null;
    const series = months.map((p) => ({ period: p.label, value: valueAt(p.year, p.month) }));
    const value = series[series.length - 1]?.value ?? null;
    kpis.push({
      kpiId: selected.kpiId,
      name: definition.name,
      custom: selected.customVersion !== undefined,
      unitLabel: definition.unitLabel,
      format: definition.format,
      direction: definition.direction,
      target: targets.get(selected.kpiId) ?? definition.target,
      thresholds: definition.thresholds,
      value,
      status: kpiStatus(value, definition.direction, definition.thresholds),
      series,
    });
  }
  return { configurationId, industryId: tenant.industryId, period: month, kpis };
}

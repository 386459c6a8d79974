/**
 * The required-objects analysis of one configuration, recomputed on every read from the configuration and
 * its sources (a few hundred fields at most: cheaper than keeping a cache consistent), and the effort
 * estimate derived from it.
 */
import type { AnalysisView, Configuration, estimateRequestSchema } from '@kpi/shared/contracts/demo-config';
import { analyseRequiredObjects } from '@kpi/shared/domain/analysis/required-objects';
import type { Requirements } from '@kpi/shared/domain/formula/requirements';
import {
  DEFAULT_ESTIMATE_PARAMETERS,
  type EstimateInput,
  type EstimateParameters,
  estimateEffort,
  validateEstimateParameters,
} from '@kpi/shared/domain/sow/estimate';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { unprocessable } from '@kpi/shared/platform/errors';
import type { z } from 'zod';
import { findConfiguration } from '../configurations/manage-configurations';
import type { AppDeps } from '../dependencies';
import { sourcesOf } from '../sources/manage-sources';

type EstimateRequest = z.output<typeof estimateRequestSchema>;

export async function analyseConfiguration(
  deps: AppDeps,
  scope: TenantScope,
  configurationId: string,
): Promise<AnalysisView> {
  const found = await findConfiguration(deps, scope, configurationId);
  const sources = await sourcesOf(deps, scope, configurationId);
  const selected = found.item.selectedKpis;
  const custom = await customRequirements(deps, scope, selected);
  const analysis = analyseRequiredObjects(
    selected.map((s) => s.kpiId),
    (id) => (custom.has(id) ? (custom.get(id) ?? null) : deps.engine.requirementsOf(id)),
    sources,
  );
  const current = deps.catalog.catalogVersion;
  return {
    configurationId,
    configurationEtag: found.etag,
    catalogVersion: current,
    stalePins: selected
      .filter((s) => s.customVersion === undefined && s.catalogVersion !== current)
      .map((s) => s.kpiId),
    customKpis: [...custom.keys()],
    sources: sources.map((s) => ({ id: s.id, name: s.name, type: s.type })),
    // The domain result is deeply readonly; the view type is the same shape, mutable.
    ...(analysis as Omit<
      AnalysisView,
      'configurationId' | 'configurationEtag' | 'catalogVersion' | 'stalePins' | 'customKpis' | 'sources'
    >),
  };
}

/**
 * Requirements of the selected custom KPIs, from their pinned published versions (metadata derived and stored
 * them when publishing); null for a version that no longer reads.
 */
async function customRequirements(
  deps: AppDeps,
  scope: TenantScope,
  selected: Configuration['selectedKpis'],
): Promise<Map<string, Requirements | null>> {
  const custom = selected.filter((s) => s.customVersion !== undefined);
  const versions = await Promise.all(
    custom.map((s) => deps.customKpiVersions.get(scope, `${s.kpiId}:v${s.customVersion}`)),
  );
  // The stored requirements have the formula engine's shape, with types widened to strings by the contract.
  return new Map(
    custom.map((s, i) => [s.kpiId, (versions[i]?.requirements as Requirements | undefined) ?? null]),
  );
}

/** The estimate of a configuration with the default model, edited by `request.parameters`. */
export async function estimateConfiguration(
  deps: AppDeps,
  scope: TenantScope,
  configurationId: string,
  request: EstimateRequest,
) {
  return estimateFromAnalysis(await analyseConfiguration(deps, scope, configurationId), request);
}

/** The estimate of an analysed configuration (422 `ESTIMATE.PARAMETERS_INVALID` with every problem). */
export function estimateFromAnalysis(analysis: AnalysisView, request: EstimateRequest) {
  const { daysPerSourceType, ...rest } = request.parameters;
  const parameters: EstimateParameters = {
    ...DEFAULT_ESTIMATE_PARAMETERS,
    ...rest,
    daysPerSourceType: { ...DEFAULT_ESTIMATE_PARAMETERS.daysPerSourceType, ...daysPerSourceType },
  };
  const problems = validateEstimateParameters(parameters);
  if (problems.length)
    throw unprocessable('ESTIMATE.PARAMETERS_INVALID', 'The estimate parameters are not usable', problems);
  // A whole-object gap counts each of its required fields: each must be found or derived.
  const missingFields = analysis.objects.reduce((n, o) => n + o.requiredFields - o.providedFields, 0);
  const input: EstimateInput = {
    sourceTypes: analysis.sources.map((s) => s.type),
    objectsToMap: analysis.objects.length,
    missingFields,
    catalogKpis: analysis.kpis.length - analysis.customKpis.length,
    customKpis: analysis.customKpis.length,
    ...(request.dashboards !== undefined ? { dashboards: request.dashboards } : {}),
  };
  return {
    configurationId: analysis.configurationId,
    parameters,
    input,
    estimate: estimateEffort(input, parameters),
  };
}

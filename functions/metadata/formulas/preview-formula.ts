/**
 * Previewing a formula on the deterministic sample data of an industry: what the KPI would show for a
 * month, so an editor can judge a draft before publishing it. Sample data sets are generated once per
 * industry and process (a few seconds each) and kept.
 */
import type { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import type { Dataset } from '@kpi/shared/domain/formula/evaluate';
import { monthPeriod } from '@kpi/shared/domain/formula/period';
import { generateSampleData, SAMPLE_PERIOD } from '@kpi/shared/domain/sample-data/index';
import { validateFormula } from './validate-formula';

export interface PreviewResult {
  readonly industryId: string;
  /** The evaluated month, `YYYY-MM`. */
  readonly period: string;
  /** The KPI's value, or null for "no value" (e.g. division by zero). */
  readonly value: number | null;
  readonly formulaPretty: string;
}

const samples = new Map<string, Dataset>();

/** The sample data of an industry (memoised). */
export function sampleDataFor(industryId: string): Dataset {
  let data = samples.get(industryId);
  if (!data) {
    data = generateSampleData(industryId);
    samples.set(industryId, data);
  }
  return data;
}

/** The month previews use by default (inside the sample window, with a year of history before it). */
export const SAMPLE_MONTH = SAMPLE_PERIOD.start.slice(0, 7);

/** Checks the formula (422 with diagnostics when invalid) and evaluates it for one month of sample data. */
export function previewFormula(
  engine: FormulaEngine,
  source: string,
  industryId: string,
  month: string = SAMPLE_MONTH,
  data: (industryId: string) => Dataset = sampleDataFor,
): PreviewResult {
  const valid = validateFormula(engine, source);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const { value } = engine.evaluate(source, data(industryId), monthPeriod(y, m));
  return { industryId, period: month, value, formulaPretty: valid.formulaPretty };
}

import type { Dataset } from '../formula/evaluate';
import { monthPeriod, type Period } from '../formula/period';
import { createContext } from './context';
import { generateBanking } from './gen-banking';
import { generateCommercial } from './gen-commercial';
import { generateEnergy } from './gen-energy';
import { generateHealthcare } from './gen-healthcare';
import { generateOperations } from './gen-operations';
import { generatePeople } from './gen-people';
import { generateSupply } from './gen-supply';
import type { Window } from './random';

export interface SampleDataOptions {
  /** Extra seed text: the same industry and seed always give the same records. */
  readonly seed?: string;
  /** First month generated (default 2023-01): its year, and its month 0-11 (default 0, January). */
  readonly startYear?: number;
  readonly startMonth?: number;
  /** Months generated (default 24, so that previous-period and last-year comparisons have data). */
  readonly months?: number;
}

/** Volume multiplier per industry: its own transactions are busier than the supporting ones. */
const INDUSTRY_SCALE: Readonly<Record<string, number>> = {
  manufacturing: 1,
  retail: 1.2,
  healthcare: 1,
  'financial-services': 1,
  'energy-utilities': 1,
  logistics: 1.1,
};

/** The month the sample data is usually evaluated for (inside the default window, with a year of history). */
export const SAMPLE_PERIOD: Period = monthPeriod(2024, 6);

/**
 * Generates a deterministic, seeded data set for an industry covering every object of the
 * catalog's object model, with dates as epoch milliseconds (ready for the evaluator). Records are
 * consistent across objects (lines belong to orders, shipments follow orders, claims follow
 * encounters ...) so that every catalog KPI has a plausible value for any month of the window.
 */
export function generateSampleData(industryId: string, options: SampleDataOptions = {}): Dataset {
  const startYear = options.startYear ?? 2023;
  const startMonth = options.startMonth ?? 0;
  const months = options.months ?? 24;
  const window: Window = {
    start: Date.UTC(startYear, startMonth, 1),
    months,
    end: Date.UTC(startYear, startMonth + months, 1),
  };
  const ctx = createContext(
    `${industryId}/${options.seed ?? 'kpi-sample'}`,
    window,
    INDUSTRY_SCALE[industryId] ?? 1,
  );
  generateCommercial(ctx);
  generatePeople(ctx);
  generateSupply(ctx);
  generateOperations(ctx);
  generateHealthcare(ctx);
  generateBanking(ctx);
  generateEnergy(ctx);
  return ctx.tables;
}

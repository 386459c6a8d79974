import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../domain/catalog/load-catalog';
import type { Dataset } from '../domain/formula/evaluate';
import type { Period } from '../domain/formula/period';
import { generateSampleData } from '../domain/sample-data/index';
import { DuckDbSession } from './duckdb-session';
import { formulaArbitrary } from './formula-arbitrary';
import { KpiCalculator } from './kpi-calculator';
import { folderLake } from './lake-files.port';
import { calendarPeriods, periodToDate } from './periods';
import { sameValue, writeDatasetLake } from './sample-lake';

// Random well-typed formulas over the object model: the SQL engine equals the reference evaluator.
const catalog = loadCatalog();
const ITERATE = ['Shipment', 'Invoice', 'SalesOrder', 'SalesOrderLine', 'Ticket', 'Customer', 'Product'];
const KPI_IDS = ['otif-rate', 'days-sales-outstanding', 'average-order-value', 'gross-margin'].filter((id) =>
  catalog.kpis.some((k) => k.id === id),
);
const kpis = new Map(catalog.kpis.map((k) => [k.id, k.formula]));
const PERIODS: readonly Period[] = [
  ...calendarPeriods('month', '2024-01-01', 3),
  ...calendarPeriods('quarter', '2024-01-01', 1),
  periodToDate('month', '2024-02-28'),
];
const formulas = formulaArbitrary({ objects: catalog.objects, iterate: ITERATE, kpiIds: KPI_IDS });

let session: DuckDbSession;
let calc: KpiCalculator;
let data: Dataset;
const dir = mkdtempSync(join(tmpdir(), 'kpi-prop-'));
beforeAll(async () => {
  session = await DuckDbSession.open({ threads: 2 });
  // 15 months: the evaluated periods have a previous period and a last year with records.
  const all = generateSampleData('retail', { startYear: 2023, months: 15 });
  const needed = new Set(catalog.objects.map((o) => o.name));
  data = Object.fromEntries(Object.entries(all).filter(([name]) => needed.has(name)));
  await writeDatasetLake(session, catalog.objects, data, dir);
  calc = new KpiCalculator({ objects: catalog.objects, kpis, lake: folderLake(dir), session });
}, 120_000);
afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

function differences(
  sources: readonly string[],
  got: ReadonlyMap<string, readonly (number | null)[]>,
): string[] {
  const out: string[] = [];
  sources.forEach((source, i) => {
    PERIODS.forEach((p, j) => {
      const want = calc.formulas.evaluate(source, data, p).value;
      const value = got.get(`f${i}`)![j]!;
      if (!sameValue(value, want))
        out.push(`${source} @ ${p.start}..${p.end}: sql ${value}, reference ${want}`);
    });
  });
  return out;
}

describe('random well-typed formulas', () => {
  it('all type-check', () => {
    for (const f of fc.sample(formulas, { numRuns: 300, seed: 7 })) {
      expect(
        calc.formulas.check(f).diagnostics.map((d) => d.message),
        f,
      ).toEqual([]);
    }
  });

  it('give the reference value, one formula at a time (shrinks on failure)', async () => {
    await fc.assert(
      fc.asyncProperty(formulas, async (source) => {
        const got = await calc.compute([{ name: 'f0', formula: source }], PERIODS);
        expect(differences([source], got)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('give the reference value, 200 formulas in one query', async () => {
    const sources = fc.sample(formulas, { numRuns: 200 });
    const got = await calc.compute(
      sources.map((formula, i) => ({ name: `f${i}`, formula })),
      PERIODS,
    );
    expect(differences(sources, got)).toEqual([]);
  }, 120_000);
});

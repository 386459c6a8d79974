import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexCatalog, loadCatalog } from '../domain/catalog/load-catalog';
import type { Dataset } from '../domain/formula/evaluate';
import type { Period } from '../domain/formula/period';
import { generateSampleData } from '../domain/sample-data/index';
import { DuckDbSession } from './duckdb-session';
import { KpiCalculator } from './kpi-calculator';
import { folderLake } from './lake-files.port';
import { calendarPeriods, periodToDate } from './periods';
import { sameValue, writeDatasetLake } from './sample-lake';

// Every catalog KPI, on the sample data of each industry that uses it, for 24 months, 8 quarters,
// 2 years and the current month, quarter and year to date: the SQL engine's value equals the
// reference evaluator's. All periods and all KPIs of an industry are one query.
const catalog = loadCatalog();
const index = indexCatalog(catalog);
const kpis = new Map(catalog.kpis.map((k) => [k.id, k.formula]));
const PERIODS: readonly Period[] = [
  ...calendarPeriods('month', '2023-01-01', 24),
  ...calendarPeriods('quarter', '2023-01-01', 8),
  ...calendarPeriods('year', '2023-01-01', 2),
  periodToDate('month', '2024-02-28'),
  periodToDate('quarter', '2024-05-17'),
  periodToDate('year', '2024-10-09'),
];

let session: DuckDbSession;
const dir = mkdtempSync(join(tmpdir(), 'kpi-diff-'));
beforeAll(async () => {
  session = await DuckDbSession.open({ threads: 2, memoryLimit: '1GB' });
});
afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(catalog.industries.map((i) => [i.id]))('%s', (industryId) => {
  const ids = [
    ...new Set(
      catalog.useCases
        .filter((u) => index.stages.get(u.stageId)?.industryId === industryId)
        .flatMap((u) => u.kpiIds),
    ),
  ];
  let data: Dataset;
  let calc: KpiCalculator;
  beforeAll(async () => {
    data = generateSampleData(industryId);
    const root = join(dir, industryId);
    await writeDatasetLake(session, catalog.objects, data, root);
    calc = new KpiCalculator({ objects: catalog.objects, kpis, lake: folderLake(root), session });
  }, 120_000);

  it(`each KPI equals the reference evaluator for ${PERIODS.length} periods`, async () => {
    const got = await calc.compute(
      ids.map((kpi) => ({ kpi })),
      PERIODS,
    );
    const engine = calc.formulas;
    const diffs: string[] = [];
    let compared = 0;
    let withValue = 0;
    for (const id of ids) {
      const compiled = engine.compileKpi(id)!;
      PERIODS.forEach((p, i) => {
        const want = engine.evaluate(compiled, data, p).value;
        const value = got.get(id)![i]!;
        compared++;
        if (want !== null) withValue++;
        if (!sameValue(value, want))
          diffs.push(`${id} ${p.start}..${p.end}: sql ${value}, reference ${want}`);
      });
    }
    expect(diffs).toEqual([]);
    expect(compared).toBe(ids.length * PERIODS.length);
    // The comparison is meaningful only if most values exist.
    expect(withValue).toBeGreaterThan(compared * 0.9);
  }, 120_000);
});

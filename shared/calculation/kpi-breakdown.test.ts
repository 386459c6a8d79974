import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../domain/catalog/load-catalog';
import type { Row } from '../domain/formula/compile-expr';
import type { Dataset } from '../domain/formula/evaluate';
import type { Period } from '../domain/formula/period';
import { generateSampleData } from '../domain/sample-data/index';
import { resolveDimension } from './dimension';
import { DuckDbSession } from './duckdb-session';
import { KpiCalculator } from './kpi-calculator';
import { folderLake } from './lake-files.port';
import { calendarPeriods } from './periods';
import { sameValue, writeDatasetLake } from './sample-lake';

// Breakdowns: a KPI split by a dimension of its base object equals the reference evaluator run
// on the records of each group (and on the rest, for "other").
const catalog = loadCatalog();
const objects = new Map(catalog.objects.map((o) => [o.name, o]));
const kpis = new Map(catalog.kpis.map((k) => [k.id, k.formula]));
const PERIODS: readonly Period[] = [
  ...calendarPeriods('month', '2023-04-01', 3),
  ...calendarPeriods('quarter', '2023-04-01', 1),
];
const MAX_GROUPS = 3;

let session: DuckDbSession;
let calc: KpiCalculator;
let data: Dataset;
const dir = mkdtempSync(join(tmpdir(), 'kpi-breakdown-'));
beforeAll(async () => {
  session = await DuckDbSession.open({ threads: 2 });
  data = generateSampleData('logistics', { months: 6 });
  await writeDatasetLake(session, catalog.objects, data, dir);
  calc = new KpiCalculator({ objects: catalog.objects, kpis, lake: folderLake(dir), session });
}, 120_000);
afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Catalog KPI × dimension pairs where no aggregation navigates into the split object (so filtering its records is the same split). */
function cases(): { id: string; dimension: string }[] {
  const out: { id: string; dimension: string }[] = [];
  for (const k of catalog.kpis) {
    const req = calc.formulas.requirementsOf(k.id);
    if (!req) continue;
    for (const dimension of k.dimensions) {
      const base = dimension.split('.')[0]!;
      if (req.relationships.some((r) => r.to === base)) continue;
      if (!req.objects.some((o) => o.name === base)) continue;
      out.push({ id: k.id, dimension });
    }
  }
  // A spread of KPIs, deterministic: every ninth pair.
  return out.filter((_, i) => i % 9 === 0);
}

function dimensionValue(row: Row, dimension: string): unknown {
  const d = resolveDimension(dimension, objects);
  let cur: Row | undefined = row;
  for (const rel of d.hops) {
    const key: unknown = cur?.[rel.foreignKey];
    cur = key == null ? undefined : (data[rel.target] ?? []).find((r) => r[rel.targetKey] === key);
  }
  const v = cur?.[d.field.name];
  return v === undefined ? null : v;
}

describe('breakdowns', () => {
  it('split each KPI like the reference evaluator on each group’s records, with an "other" group beyond the cap', async () => {
    const list = cases();
    expect(list.length).toBeGreaterThan(5);
    const diffs: string[] = [];
    let others = 0;
    for (const { id, dimension } of list) {
      const groups = await calc.breakdown([{ kpi: id }], dimension, PERIODS, MAX_GROUPS);
      expect(groups.length, `${id} by ${dimension}`).toBeGreaterThan(0);
      expect(groups.filter((g) => !g.other).length).toBeLessThanOrEqual(MAX_GROUPS);
      const base = dimension.split('.')[0]!;
      const tops = groups.filter((g) => !g.other).map((g) => g.value);
      const compiled = calc.formulas.compileKpi(id)!;
      for (const g of groups) {
        if (g.other) others++;
        const rows = (data[base] ?? []).filter((r) => {
          const v = dimensionValue(r, dimension);
          return g.other ? !tops.includes(v as never) : v === g.value;
        });
        const subset: Dataset = { ...data, [base]: rows };
        PERIODS.forEach((p, i) => {
          const want = calc.formulas.evaluate(compiled, subset, p).value;
          const got = g.values.get(id)![i]!;
          if (!sameValue(got, want))
            diffs.push(
              `${id} by ${dimension} = ${g.other ? 'other' : String(g.value)} @ ${p.start}: sql ${got}, reference ${want}`,
            );
        });
      }
    }
    expect(diffs).toEqual([]);
    expect(others).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a dimension that is not a to-one path to a field', async () => {
    await expect(calc.breakdown([{ kpi: 'otif-rate' }], 'Shipment.nope', PERIODS)).rejects.toMatchObject({
      code: 'CALC.BAD_DIMENSION',
    });
    await expect(calc.breakdown([{ kpi: 'otif-rate' }], 'Nope.x', PERIODS)).rejects.toMatchObject({
      code: 'CALC.BAD_DIMENSION',
    });
  });
});

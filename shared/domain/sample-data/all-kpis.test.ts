import { beforeAll, describe, expect, it } from 'vitest';
import { indexCatalog, loadCatalog } from '../catalog/load-catalog';
import { UNIT_BANDS } from '../catalog/types';
import { FormulaEngine } from '../formula/engine';
import type { Dataset } from '../formula/evaluate';
import { valueTypeOf } from '../formula/model';
import { parseFormula } from '../formula/parser';
import { generateSampleData, SAMPLE_PERIOD } from './index';

const catalog = loadCatalog();
const index = indexCatalog(catalog);
const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));

describe('every catalog KPI on sample data', () => {
  it('parses, type-checks and derives its required objects', () => {
    for (const k of catalog.kpis) {
      expect(parseFormula(k.formula).diagnostics, k.id).toEqual([]);
      const r = engine.check(k.formula, { selfId: k.id });
      expect(r.diagnostics, k.id).toEqual([]);
      expect(r.type, k.id).toBe('number');
      expect(r.requirements!.objects.length, k.id).toBeGreaterThan(0);
      for (const o of r.requirements!.objects) {
        const def = index.objects.get(o.name)!;
        for (const f of o.fields)
          expect(
            def.fields.some((x) => x.name === f.name),
            `${k.id}: ${o.name}.${f.name}`,
          ).toBe(true);
      }
    }
  });

  describe.each(catalog.industries.map((i) => [i.id]))('%s', (industryId) => {
    let data: Dataset = {};
    beforeAll(() => {
      data = generateSampleData(industryId);
    });
    const kpiIds = [
      ...new Set(
        catalog.useCases
          .filter((u) => index.stages.get(u.stageId)?.industryId === industryId)
          .flatMap((u) => u.kpiIds),
      ),
    ];

    it('covers every object and field with values of the declared type', () => {
      // Problems are collected, not asserted per value: the data set has ~300,000 records.
      const problems: string[] = [];
      for (const o of catalog.objects) {
        const rows = data[o.name] ?? [];
        if (rows.length === 0) problems.push(`${o.name}: no records`);
        const keys = new Set(rows.map((r) => r[o.primaryKey[0]!]));
        if (keys.size !== rows.length) problems.push(`${o.name}: duplicate keys`);
        for (const f of o.fields) {
          const vt = valueTypeOf(f.type);
          const want = vt === 'string' || vt === 'boolean' ? vt : 'number';
          let nonNull = 0;
          let bad = 0;
          for (const row of rows) {
            const v = row[f.name];
            if (v === null) {
              if (f.required) bad++;
              continue;
            }
            nonNull++;
            if (typeof v !== want) bad++;
            else if (f.type === 'enum' && !f.values!.includes(v as string)) bad++;
            else if (f.type === 'integer' && !Number.isInteger(v)) bad++;
          }
          if (bad > 0) problems.push(`${o.name}.${f.name}: ${bad} bad values`);
          if (nonNull === 0) problems.push(`${o.name}.${f.name}: never set`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('evaluates each of its KPIs to a finite value inside the unit band', () => {
      const failures: string[] = [];
      for (const id of kpiIds) {
        const kpi = index.kpis.get(id)!;
        const { value } = engine.evaluate(engine.compileKpi(id)!, data, SAMPLE_PERIOD);
        const [lo, hi] = UNIT_BANDS[kpi.unit];
        if (value === null || !Number.isFinite(value) || value < lo || value > hi)
          failures.push(`${id}=${value}`);
      }
      expect(failures).toEqual([]);
    });
  });

  it('is deterministic for a seed and differs between industries', () => {
    const a = generateSampleData('retail', { months: 2 });
    const b = generateSampleData('retail', { months: 2 });
    const c = generateSampleData('healthcare', { months: 2 });
    expect(a.SalesOrder).toEqual(b.SalesOrder);
    expect(a.SalesOrder).not.toEqual(c.SalesOrder);
  });
});
